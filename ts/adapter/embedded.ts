// An API B (embedded) implementation written in TypeScript for the JavaScript harness
// (conformance/adapters/ts/harness.mjs), typed with the harness's declarations (harness.d.mts)
// and the generated `EmbeddedAgentDesktopAPI`. tests/tests/it/typescript/adapter.rs compiles it with
// the pinned `tsc --strict` (and `exactOptionalPropertyTypes`), then replays the committed API B
// recordings (conformance/corpus/b*.jsonl, c02-embedded-coverage.jsonl) and runs `check` through
// the harness against its emitted JavaScript: the declarations say what the harness really does.

import type {
  ContractEmbeddedEventArgs,
  EmbeddedAgentDesktopAPI,
  EmbeddedAgentState,
  EmbeddedCallRecordingStatus,
  EmbeddedInteractionRendered,
  EmbeddedMessage,
} from "../../generated/latest/index.js";
import type { Emit, EmbeddedProvider } from "../../conformance/adapters/ts/harness.mjs";

// The harness places each callback with the package's table, so it must come from the package
// the types above come from.
export { contractEmbeddedCallbacks } from "../../generated/latest/index.js";

export const name = "typed-embedded-desktop";
export const version = "1.0.0";

/** The methods this fake implements; any other call has no effect and no answer, as in API B. */
type Implemented =
  | "getState"
  | "setStatus"
  | "dialNumber"
  | "singleStepTransfer"
  | "setDisposition"
  | "setDispositionByName"
  | "terminateInteraction"
  | "completeInteraction"
  | "completeInteractionWithDisp"
  | "getCallRecordingStatus"
  | "startCallRecording"
  | "stopCallRecording"
  | "muteCallRecording"
  | "unmuteCallRecording";

type Provider = EmbeddedProvider<EmbeddedAgentDesktopAPI, ContractEmbeddedEventArgs, Implemented>;

interface Item {
  id: string;
  state: "offered" | "connected" | "wrap_up";
  phone: string;
  service: string;
  disposition: string;
  notes: string[];
  recording: boolean;
  muted: boolean;
}

/** A fake desktop behind `window.bpspat.api`: one agent, calls offered, dialled and completed. */
export function createEmbeddedProvider(emit: Emit<ContractEmbeddedEventArgs>): Provider {
  let agentId = "agent.one";
  let loggedIn = false;
  let status = "not_ready";
  let reason = "";
  let items: Item[] = [];
  let active: string | undefined;
  let nextId = 1;

  // The harness passes arguments on as the runner sent them, and generated tests send some that
  // the types rule out; API B ignores a call whose arguments do not fit, so the fake checks.
  const text = (v: unknown): v is string => typeof v === "string";
  const optionalText = (v: unknown): boolean => v === undefined || v === null || text(v);
  const find = (id: unknown): Item | undefined =>
    typeof id === "string" ? items.find((i) => i.id === id) : undefined;
  const rendered = (i: Item): EmbeddedInteractionRendered => ({
    item_id: i.id,
    global_id: `G-${i.id}`,
    phone_number: i.phone,
    service: i.service,
    screenpop_data: "",
  });
  const setStatus = (next: string, why = ""): void => {
    if (next === status && why === reason) return;
    status = next;
    reason = why;
    emit("onStatusChange", { status, reason });
  };
  // The agent's state follows the interactions: busy while one is connected, after-call work
  // while one is in wrap-up, ready once the last one is gone.
  const follow = (finished: boolean): void => {
    if (items.some((i) => i.state === "connected")) setStatus("busy");
    else if (items.some((i) => i.state === "wrap_up")) setStatus("after_call_work");
    else if (finished || status === "busy" || status === "after_call_work") setStatus("ready");
  };
  const connect = (i: Item): void => {
    i.state = "connected";
    emit("addInteractionRenderedHandler", rendered(i));
    active = i.id;
    follow(false);
  };
  const complete = (i: Item): void => {
    items = items.filter((x) => x !== i);
    emit("addInteractionCompletedHandler", {
      ...rendered(i),
      disposition: i.disposition,
      notes: i.notes.join("\n"),
      recording_url: "",
    });
    if (active === i.id) active = items.find((x) => x.state === "connected")?.id;
    follow(true);
  };
  /** As in the reference model, the recording answers concern the active interaction. */
  const recording = (
    command: string,
    change: (i: Item) => void,
    callback: (message: EmbeddedMessage<EmbeddedCallRecordingStatus>) => void,
  ): void => {
    const i = loggedIn ? find(active) : undefined;
    if (i === undefined) return;
    change(i);
    callback({
      command,
      data: {
        item_id: i.id,
        call_id: `${i.id}/1`,
        command,
        recording: i.recording ? "1" : "0",
        muted: i.muted ? "1" : "0",
      },
    });
  };

  return {
    reset(api, apiVersion) {
      if (apiVersion !== "latest") return `typed against the latest package, not ${api} ${apiVersion}`;
      agentId = "agent.one";
      loggedIn = false;
      status = "not_ready";
      reason = "";
      items = [];
      active = undefined;
      nextId = 1;
    },
    // Testing `name` narrows `args` to that fixture's arguments.
    fixture(name, args) {
      switch (name) {
        case "login":
          loggedIn = true;
          agentId = args.agentId ?? agentId;
          emit("onAgentLogin", { agent_id: agentId, login: true });
          status = "";
          setStatus("ready");
          return;
        case "offer":
          items.push({
            id: args.interactionId,
            state: "offered",
            phone: args.phoneNumber ?? args.email ?? "",
            service: args.service ?? "",
            disposition: "",
            notes: [],
            recording: false,
            muted: false,
          });
          return;
        case "accept": {
          const i = find(args.interactionId);
          if (i?.state !== "offered") throw new Error(`no offered interaction ${args.interactionId}`);
          connect(i);
          return;
        }
        case "remoteEnd": {
          const i = find(args.interactionId);
          if (i?.state !== "connected") throw new Error(`no connected interaction ${args.interactionId}`);
          i.state = "wrap_up";
          follow(false);
          return;
        }
        case "emit":
          // A recorded event goes on as is; the runner, not the compiler, checks it.
          emit.raw(args.event, args.args);
          return;
      }
    },
    // The callback's message type comes from the interface: `data` must be an EmbeddedAgentState.
    getState(callback) {
      if (!loggedIn) return;
      const data: EmbeddedAgentState = {
        agent_id: agentId,
        status,
        reason,
        interactions: items
          .filter((i) => i.state !== "offered")
          .map((i) => ({ ...rendered(i), recording_url: "", attached_data: {} })),
      };
      callback({ command: "GET_STATE", data });
    },
    setStatus(next, why) {
      if (!text(next) || !optionalText(why)) return;
      const s = next.toLowerCase();
      if (!loggedIn || items.length > 0 || (s !== "ready" && s !== "not_ready")) return;
      setStatus(s, s === "not_ready" ? (why ?? "") : "");
    },
    dialNumber(phone) {
      if (!loggedIn || !text(phone) || phone === "") return;
      const i: Item = {
        id: `sim-${nextId++}`,
        state: "offered",
        phone,
        service: "",
        disposition: "",
        notes: [],
        recording: false,
        muted: false,
      };
      items.push(i);
      connect(i);
    },
    singleStepTransfer(phone) {
      const i = loggedIn && text(phone) ? find(active) : undefined;
      if (i?.state !== "connected") return;
      i.state = "wrap_up";
      follow(false);
    },
    setDisposition(id, code) {
      const i = loggedIn && text(code) ? find(id) : undefined;
      if (i) i.disposition = code;
    },
    setDispositionByName(id, dispositionName) {
      const i = loggedIn && text(dispositionName) ? find(id) : undefined;
      if (i) i.disposition = dispositionName;
    },
    terminateInteraction(id) {
      const i = loggedIn ? find(id) : undefined;
      if (i?.state !== "connected") return;
      i.state = "wrap_up";
      follow(false);
    },
    completeInteraction(id) {
      const i = loggedIn ? find(id) : undefined;
      if (i !== undefined && i.state !== "offered") complete(i);
    },
    completeInteractionWithDisp(id, code, notes) {
      const i = loggedIn && text(code) && optionalText(notes) ? find(id) : undefined;
      if (i === undefined || i.state === "offered") return;
      i.disposition = code;
      if (text(notes)) i.notes.push(notes);
      complete(i);
    },
    // The callback is the second parameter: the harness puts it after the interaction id.
    getCallRecordingStatus(id, callback) {
      if (text(id)) recording("CALL_RECORDING_STATUS", () => {}, callback);
    },
    // An implementation that answers later returns a promise that settles after the callback.
    async startCallRecording(id, callback) {
      await Promise.resolve();
      if (text(id)) recording("START_CALL_RECORDING", (i) => (i.recording = true), callback);
    },
    stopCallRecording(id, callback) {
      if (text(id)) recording("STOP_CALL_RECORDING", (i) => (i.recording = false), callback);
    },
    muteCallRecording(id, callback) {
      if (text(id)) recording("MUTE_CALL_RECORDING", (i) => (i.muted = true), callback);
    },
    unmuteCallRecording(id, callback) {
      if (text(id)) recording("UNMUTE_CALL_RECORDING", (i) => (i.muted = false), callback);
    },
  };
}
