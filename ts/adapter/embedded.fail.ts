// API B implementations the harness's declarations must refuse. tests/tests/it/typescript/adapter.rs
// compiles this file with the pinned `tsc --strict`: each line where the compiler must report an
// error ends with an `expect` comment naming the error's code, and no other error may appear.

import type {
  AgentDesktopClientAPI,
  ContractEmbeddedEventArgs,
  ContractWidgetEventArgs,
  EmbeddedAgentDesktopAPI,
  EmbeddedMessage,
} from "../../generated/latest/index.js";
import { contractEmbeddedCallbacks } from "../../generated/latest/index.js";
import type {
  EmbeddedMethodName,
  EmbeddedProvider,
  EmbeddedProviderModule,
  Emit,
} from "../../conformance/adapters/ts/harness.mjs";

type Events = ContractEmbeddedEventArgs;
type Provider<Implemented extends EmbeddedMethodName<EmbeddedAgentDesktopAPI, Events>> =
  EmbeddedProvider<EmbeddedAgentDesktopAPI, Events, Implemented>;

const hooks = { reset(): void {}, fixture(): void {} };

/** A wrong parameter type: the interaction id is a string. */
export function wrongParameter(): Provider<"terminateInteraction"> {
  return {
    ...hooks,
    terminateInteraction(itemId: number) { // expect TS2322
      void itemId;
    },
  };
}

/** The callback receives the method's message: GET_STATE's data is a whole EmbeddedAgentState. */
export function wrongCallbackData(): Provider<"getState"> {
  return {
    ...hooks,
    getState(callback) {
      callback({ command: "GET_STATE", data: { status: "ready" } }); // expect TS2739
    },
  };
}

/** A callback where the method answers nothing. */
export function callbackWithoutAnswer(): Provider<"setStatus"> {
  return {
    ...hooks,
    setStatus(status: string, reason: string | undefined, callback: (m: EmbeddedMessage) => void) { // expect TS2322
      callback({ command: "CHANGE_STATE", data: [status, reason] });
    },
  };
}

/** The callback in the wrong place: it follows the interaction id. */
export function callbackFirst(): Provider<"getCallRecordingStatus"> {
  return {
    ...hooks,
    getCallRecordingStatus(callback: (m: EmbeddedMessage) => void, itemId: string) { // expect TS2322
      callback({ command: "CALL_RECORDING_STATUS", data: itemId });
    },
  };
}

/** A method it claims to implement is missing. */
export function missingMethod(): Provider<"terminateInteraction" | "completeInteraction"> {
  return { // expect TS2322
    ...hooks,
    terminateInteraction() {},
  };
}

/** A misspelt method name. */
export function misspelt(): Provider<"terminateInteraction"> {
  return {
    ...hooks,
    terminateInteraction() {},
    completeInteracion() {}, // expect TS2561
  };
}

/** Event registrations are not methods to implement: events go through `emit`. */
export function registration(): Provider<"logout"> {
  return {
    ...hooks,
    logout() {},
    onStatusChange() {}, // expect TS2353
  };
}

/** `reset` is told the embedded API. */
export function widgetReset(): Provider<"logout"> {
  return {
    fixture() {},
    reset(api) {
      const widget: "widget" = api; // expect TS2322
      void widget;
    },
    logout() {},
  };
}

/** Events are typed by the package's map: the registration member's name and exact data. */
export function wrongEvents(emit: Emit<Events>): void {
  emit("onStatusChange", { status: "ready" }); // expect TS2345
  emit("addInteractionRenderedHandler"); // expect TS2554
  emit("ON_AGENT_STATE_CHANGE", "ready"); // expect TS2345
  emit("onAgentLogin", { agent_id: "jsmith", login: "yes" }); // expect TS2322
}

/** `EmbeddedProvider` is for the embedded API: the client API has `WidgetProvider`. */
export type ClientAsEmbedded = EmbeddedProvider<AgentDesktopClientAPI, Events>; // expect TS2344

/** An event map of another API does not fit. */
export type ForeignEvents = EmbeddedProvider<EmbeddedAgentDesktopAPI, ContractWidgetEventArgs>; // expect TS2344

/** The module re-exports the package's callback table, not one of its own. */
export const module: EmbeddedProviderModule<EmbeddedAgentDesktopAPI, Events, "logout"> = {
  createEmbeddedProvider: () => ({ ...hooks, logout() {} }),
  contractEmbeddedCallbacks: { logout: null }, // expect TS2740
};

/** The package's table fits. */
export const fine: EmbeddedProviderModule<EmbeddedAgentDesktopAPI, Events, "logout"> = {
  createEmbeddedProvider: () => ({ ...hooks, logout() {} }),
  contractEmbeddedCallbacks,
};
