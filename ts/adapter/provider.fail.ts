// Implementations the harness's declarations must refuse. tests/tests/it/typescript/adapter.rs
// compiles this file with the pinned `tsc --strict`: each line where the compiler must report an
// error ends with an `expect` comment naming the error's code, and no other error may appear.

import type {
  AgentDesktopClientAPI,
  ContractWidgetEventArgs,
  EmbeddedAgentDesktopAPI,
  OperationResult,
} from "../../generated/latest/index.js";
import type { CreateProvider, Emit as EmitOf, WidgetProvider } from "../../conformance/adapters/ts/harness.mjs";

type Emit = EmitOf<ContractWidgetEventArgs>;

const hooks = { reset(): void {}, fixture(): void {} };
const success = { status: "success", data: null } as const;

/** A wrong method signature: the interaction id is a string. */
export function wrongParameter(emit: Emit): WidgetProvider<AgentDesktopClientAPI, "acceptInteraction"> {
  void emit;
  return {
    ...hooks,
    async acceptInteraction(interactionId: number) { // expect TS2322
      return interactionId > 0 ? success : success;
    },
  };
}

/** A wrong result type: getAgentState resolves with AgentStateData, not null. */
export function wrongResult(emit: Emit): WidgetProvider<AgentDesktopClientAPI, "getAgentState"> {
  void emit;
  return {
    ...hooks,
    async getAgentState() { // expect TS2322
      return success;
    },
  };
}

/** A result that is not an OperationResult at all. */
export function notAnOperationResult(emit: Emit): WidgetProvider<AgentDesktopClientAPI, "logout"> {
  void emit;
  return {
    ...hooks,
    async logout() { // expect TS2322
      return { ok: true };
    },
  };
}

/** A method it claims to implement is missing. */
export function missingMethod(emit: Emit): WidgetProvider<AgentDesktopClientAPI, "getAgentState" | "logout"> {
  void emit;
  return { // expect TS2322
    ...hooks,
    async logout(): Promise<OperationResult<null>> {
      return success;
    },
  };
}

/** A misspelt method name. */
export function misspelt(emit: Emit): WidgetProvider<AgentDesktopClientAPI, "logout"> {
  void emit;
  return {
    ...hooks,
    async logout() {
      return success;
    },
    async acceptInteracion() { // expect TS2561
      return success;
    },
  };
}

/** The hooks are required: without `fixture` the harness could not set a scene. */
export const noFixture: CreateProvider<AgentDesktopClientAPI, ContractWidgetEventArgs, "logout"> = () => ({ // expect TS2322
  reset() {},
  async logout() {
    return success;
  },
});

/** Wrapping the wrong object: the embedded API is not the client API. */
export function wrongObject(client: EmbeddedAgentDesktopAPI, emit: Emit): WidgetProvider<AgentDesktopClientAPI> {
  void emit;
  return Object.assign(client, hooks); // expect TS2322
}

/** `WidgetProvider` is for the client API; the embedded API has `EmbeddedProvider`. */
export type EmbeddedAsWidget = WidgetProvider<EmbeddedAgentDesktopAPI>; // expect TS2344

/** Events are typed by the package's map: name and exact arguments. */
export function wrongEvents(emit: Emit): void {
  emit("ON_NEW_INTERACTION", { interactionId: "sim-1" }); // expect TS2345
  emit("ON_NEW_INTERACTION"); // expect TS2554
  emit("ON_INTERACTION_ADDED", {}); // expect TS2345
  emit("ON_AGENT_STATE_CHANGE", "on_break"); // expect TS2345
  emit("ON_LOGOUT", null); // expect TS2554
  emit.raw("ON_ANYTHING", [1, 2, 3]); // a recorded event, passed on as is, is the runner's to judge
}

/** The event map is not optional: without it `emit` would check nothing. */
export type UntypedEvents = CreateProvider<AgentDesktopClientAPI>; // expect TS2707
