// Integrator-style use of the 5.19 package; `@ts-expect-error` lines must fail to compile.
import {
  type AgentDesktopClientAPI,
  type InteractionData,
  type OperationResult,
  type UserState,
  callbackMessages,
  isInteractionData,
  requestMessages,
  validateInteractionData,
} from "../../generated/5.19/index.js";
import * as Pkg from "../../generated/5.19/index.js";

declare const api: AgentDesktopClientAPI;
declare const console: { log(...args: unknown[]): void };

api.on("ON_INTERACTION_REMOVED", (interaction) => {
  const id: string = interaction.interactionId;
  const subject: string = interaction.subject;
  console.log(id, subject);
});
api.on("ON_REQUEST_TRANSFER_DATA", async () => ({ ticket: "T-1" }));

export async function agentState(): Promise<string> {
  const r: OperationResult<{ state: string }> = await api.getAgentState();
  return r.status === "success" ? r.data.state : r.error.name;
}

const wire: unknown = { interactionId: "1" };
console.log(validateInteractionData(wire).map((e) => `${e.path} ${e.keyword}`));
if (isInteractionData(wire)) console.log(wire.callParties.length);
console.log(requestMessages.length, callbackMessages.ON_LOGIN.needResponse);
export const offline: UserState = "offline";

// @ts-expect-error: not an event name
api.on("ON_INTERACTION_GONE", () => undefined);
// @ts-expect-error: wrong handler signature
api.on("ON_NEW_INTERACTION", (x: string) => x);
// @ts-expect-error: missing required fields
export const bad: InteractionData = { interactionId: "1", state: "queued" };
// @ts-expect-error: the knowledge-base folder event arrived in 5.24
api.on("ON_GET_KNOWLEDGE_BASE_FOLDER", () => []);
// @ts-expect-error: 5.19 has `selected: string | null`, not a list
export const selected: InteractionData["associatedObjects"]["selected"] = [];

// The answer suffix is exported under the 5.19 vendor name only.
export const suffix: "_RESPONSE" = Pkg.responseSuffix;
// @ts-expect-error: `RESPONSE_SUFFIX` is the 5.24 name
export const renamed = Pkg.RESPONSE_SUFFIX;
