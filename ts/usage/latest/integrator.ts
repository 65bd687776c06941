// How an integrator uses the package (the example of docs/typescript-bindings.md), plus lines
// that must NOT compile: each `@ts-expect-error` fails the build if its line type-checks.

import {
  type AgentDesktopClientAPI,
  type AgentDesktopClientAPIConstructor,
  type InteractionData,
  type OperationResult,
  type LoginStateData,
  type WebScreenPop,
  agentStates,
  callbackMessages,
  isInteractionData,
  resultErrorCodes,
  validate,
  validateInteractionData,
} from "../../generated/latest/index.js";
import * as Pkg from "../../generated/latest/index.js";

declare const console: { log(...args: unknown[]): void };
declare const AdApi: AgentDesktopClientAPIConstructor;
const api: AgentDesktopClientAPI = new AdApi({ integrationKey: "my-crm" });

api.on("ON_INTERACTION_REMOVED", (interaction) => {
  // The payload is fully typed: no annotation needed.
  const id: string = interaction.interactionId;
  const dnis: string | undefined = interaction.DNIS;
  const state: "completed" | typeof agentStates[number] | InteractionData["state"] = interaction.state;
  console.log(id, dnis, state);
});

api.on("ON_AGENT_STATE_CHANGE", (state, reason) => {
  const s: (typeof agentStates)[number] = state;
  const r: string | undefined = reason;
  console.log(s, r);
});

// Data-providing events answer synchronously or with a promise.
api.on("ON_REQUEST_TRANSFER_DATA", (interactionId) => ({ from: interactionId, priority: 1, vip: true, note: null }));
api.on("ON_WEB_SCREEN_POP_CUSTOM", async (_id: string, pop: WebScreenPop) => pop.action === "OPEN_WEB_PAGE");

async function useResults(): Promise<void> {
  const r: OperationResult<LoginStateData> = await api.getLoginState();
  if (r.status === "success") {
    const loggedIn: boolean = r.data.isLoggedIn;
    console.log(loggedIn);
  } else {
    const code: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 99 = r.error.code;
    console.log(code === resultErrorCodes.not_logged_in, r.error.name, r.error.message);
  }
  const done = await api.completeInteraction();
  if (done.status === "success") {
    const nothing: null = done.data;
    console.log(nothing);
  }
}
void useResults();

// Wire data is checked before it is trusted.
const fromWire: unknown = JSON.parse('{"interactionId":"1"}');
for (const e of validateInteractionData(fromWire)) {
  const where: string = e.path;
  const rule: string = e.keyword;
  const sev: "error" | "warning" = e.severity;
  console.log(where, rule, sev, e.message);
}
if (isInteractionData(fromWire)) {
  const t: "voice" | "chat" | "email" = fromWire.type;
  console.log(t);
}
console.log(validate("InteractionData", fromWire, { denyUnknown: true }).length);
const needs: boolean = callbackMessages.ON_REQUEST_TRANSFER_DATA.needResponse;
console.log(needs);

// ---- Must not compile ----

// @ts-expect-error: not an event name
api.on("ON_INTERACTION_DELETED", () => undefined);

// @ts-expect-error: wrong handler signature (the payload is InteractionData, not a number)
api.on("ON_INTERACTION_REMOVED", (interaction: number) => interaction);

// @ts-expect-error: a handler that must answer cannot answer with the wrong type
api.on("ON_WEB_SCREEN_POP_CUSTOM", () => "yes");

// @ts-expect-error: missing required fields (state, type, callParties, ...)
export const partial: InteractionData = { interactionId: "1" };

// @ts-expect-error: not a method
void api.completeInteractions();

// @ts-expect-error: wrong argument type
void api.setAgentState("on_lunch");

// @ts-expect-error: validate takes only the contract's type names
validate("InteractionDatum", {});

// @ts-expect-error: constants are readonly
agentStates.push("ready");

export const optionalIsNotNullable: Pick<InteractionData, "DNIS"> = {
  // @ts-expect-error: an optional field is not nullable
  DNIS: null,
};

// The answer suffix is exported under the name the vendor has used since 5.24 only.
export const suffix: "_RESPONSE" = Pkg.RESPONSE_SUFFIX;
// @ts-expect-error: `responseSuffix` is the 5.19 name
export const oldSuffix = Pkg.responseSuffix;
