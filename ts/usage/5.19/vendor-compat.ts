// Vendor compatibility for `5.19`, for the names whose vendor declarations are quirks
// (vendor.d.ts): each must be mutually assignable with adcontract's package.

import * as V from "./vendor.js";
import * as A from "../../generated/5.19/index.js";

type Eq<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type Assert<T extends true> = T;

export type QuirkChecks = [
  Assert<Eq<V.RequestMessage, A.RequestMessage>>,
  Assert<Eq<V.CallbackMessage, A.CallbackMessage>>,
  Assert<Eq<typeof V.responseSuffix, typeof A.responseSuffix>>,
  // Built by concatenation: plain string arrays.
  Assert<Eq<typeof V.requestResponseMessages, typeof A.requestResponseMessages>>,
  Assert<Eq<typeof V.callbackResponseMessages, typeof A.callbackResponseMessages>>,
  // `userStates` without `as const`: `string[]`, so `UserState` is `string`, and so is `User.state`.
  Assert<Eq<typeof V.userStates, typeof A.userStates>>,
  Assert<Eq<V.UserState, A.UserState>>,
  Assert<Eq<V.User, A.User>>,
  Assert<Eq<V.AgentState, A.AgentState>>,
  // `getTeamMembers` resolves to the vendor's `User[]`.
  Assert<Eq<A.OperationResult<V.User[]>, Awaited<ReturnType<A.AgentDesktopClientAPI["getTeamMembers"]>>>>,
  // The five listed values stay available under adcontract's own name.
  Assert<Eq<A.ContractUserState, "offline" | "available" | "dnd" | "away" | "busy">>,
];

// Vendor-style code: any string is a UserState, and the list is mutable.
const custom: A.UserState = "on_break";
A.userStates.push(custom);
const user: A.User = { id: "u", teamId: "t", firstName: "A", lastName: "B", phone: "1", state: custom };
export const state: V.UserState = user.state;
