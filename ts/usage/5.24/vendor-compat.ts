// Vendor compatibility for `5.24`, for the names whose vendor declarations are quirks
// (vendor.d.ts): each must be mutually assignable with adcontract's package.

import * as V from "./vendor.js";
import * as A from "../../generated/5.24/index.js";

type Eq<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type Assert<T extends true> = T;

export type MessageChecks = [
  Assert<Eq<V.RequestMessage, A.RequestMessage>>,
  Assert<Eq<V.CallbackMessage, A.CallbackMessage>>,
  Assert<Eq<V.CallbackMessageWithResponse, A.CallbackMessageWithResponse>>,
  Assert<Eq<V.CallbackResponseMessage, A.CallbackResponseMessage>>,
  Assert<Eq<typeof V.RESPONSE_SUFFIX, typeof A.RESPONSE_SUFFIX>>,
  // Mutable arrays of the answer names, not readonly tuples.
  Assert<Eq<typeof V.requestResponseMessages, typeof A.requestResponseMessages>>,
  Assert<Eq<typeof V.callbackResponseMessages, typeof A.callbackResponseMessages>>,
  // adcontract's own name for the request answers' union (the vendor's 5.24 file has none).
  Assert<Eq<V.RequestMessage extends infer M extends string ? `${M}_RESPONSE` : never, A.RequestResponseMessage>>,
];

// Vendor-style code that mutates the lists compiles against ours.
A.requestResponseMessages.push(V.requestResponseMessages[0] ?? "LOGIN_RESPONSE");
A.callbackResponseMessages.sort();
