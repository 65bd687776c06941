// An implementation written in TypeScript for the JavaScript harness
// (conformance/adapters/ts/harness.mjs), typed with the harness's declarations (harness.d.mts)
// and the generated client interface. tests/tests/it/typescript/adapter.rs compiles it with the
// pinned `tsc --strict` (and `exactOptionalPropertyTypes`), then runs the emitted JavaScript
// under the harness against a case the reference model wrote: the declarations say what the
// harness really does.

import type {
  AgentDesktopClientAPI,
  AgentState,
  AgentStateData,
  ContractWidgetEventArgs,
  LoginStateData,
  OperationResult,
} from "../../generated/latest/index.js";
import type { Emit, FixtureCall, WidgetProvider } from "../../conformance/adapters/ts/harness.mjs";

export const name = "typed-agent-state";
export const version = "1.0.0";

/** The methods this fake implements; the harness answers the others itself. */
type Implemented = "getLoginState" | "getAgentState" | "setAgentState";

const notLoggedIn = {
  status: "error",
  error: { code: 2, name: "not_logged_in", message: "not logged in" },
} as const;

const invalidArgs = {
  status: "error",
  error: { code: 3, name: "invalid_args", message: "invalid args" },
} as const;

/** A fake desktop that knows the agent's session and routing state, nothing else. */
export function createProvider(emit: Emit<ContractWidgetEventArgs>): WidgetProvider<AgentDesktopClientAPI, Implemented> {
  let agentId: string | undefined;
  let state: AgentState = "not_ready";
  let reason: string | undefined;

  const announce = (): void => {
    // Without a reason the event has one argument: the harness leaves a trailing `undefined` out.
    emit("ON_AGENT_STATE_CHANGE", state, reason);
  };

  return {
    reset() {
      agentId = undefined;
      state = "not_ready";
      reason = undefined;
    },
    fixture(name, args) {
      if (name !== "login") throw new Error(`fixture ${name} is not supported by this fake`);
      // `args` is narrowed to the login fixture's arguments by the test on `name`.
      agentId = args.agentId ?? "agent.one";
      emit("ON_LOGIN", { isLoggedIn: true, agentId, username: agentId });
      state = "ready";
      announce();
    },
    async getLoginState(): Promise<OperationResult<LoginStateData>> {
      const data: LoginStateData =
        agentId === undefined ? { isLoggedIn: false } : { isLoggedIn: true, agentId, username: agentId };
      return { status: "success", data };
    },
    async getAgentState() {
      if (agentId === undefined) return notLoggedIn;
      const data: AgentStateData = { state, reservedForIncomingInteraction: false };
      if (reason !== undefined) data.notReadyReason = reason;
      return { status: "success", data };
    },
    // Parameter types come from the interface: `next` is an AgentState.
    async setAgentState(next, notReadyReason) {
      if (agentId === undefined) return notLoggedIn;
      if (next !== "ready" && !(next === "not_ready" && notReadyReason !== undefined)) return invalidArgs;
      const nextReason = next === "not_ready" ? notReadyReason : undefined;
      if (next !== state || nextReason !== reason) {
        state = next;
        reason = nextReason;
        announce();
      }
      return { status: "success", data: null };
    },
  };
}

/**
 * A bridge: the wrapped object *is* a client typed as the generated interface (every request
 * method, nothing left out), plus the hooks; events are forwarded through `emit`.
 */
export function createBridge(
  client: AgentDesktopClientAPI,
  emit: Emit<ContractWidgetEventArgs>,
): WidgetProvider<AgentDesktopClientAPI> {
  client.on("ON_INTERACTION_REMOVED", (interaction) => emit("ON_INTERACTION_REMOVED", interaction));
  client.on("ON_AGENT_STATE_CHANGE", (next, why) => emit("ON_AGENT_STATE_CHANGE", next, why));
  const hooks = {
    reset(): void {},
    fixture(...[name, args]: FixtureCall): void {
      // A recorded event goes on as is; the runner, not the compiler, checks it.
      if (name === "emit") return emit.raw(args.event, args.args);
      throw new Error(`a bridge over a live desktop cannot apply the ${name} fixture`);
    },
  };
  return Object.assign(client, hooks);
}
