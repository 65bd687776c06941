// Drives the page-side recorder in node against a fake vendor SDK whose behaviour comes from
// `adcontract simulate` (the reference model, over the harness protocol), so that what the page
// sees is what a conforming desktop does. Usage: node recorder_drive.mjs RECORDER.js ADCONTRACT
// Prints one JSON object: {widget, embedded} recordings (JSONL text) and the raw transcript of
// each (every call, result, event and answer as the page saw it, unredacted).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";

const [recorderPath, bin] = process.argv.slice(2);
const require = createRequire(import.meta.url);

// A harness-protocol client of one `adcontract simulate` process.
function desktop(api) {
  const child = spawn(bin, ["simulate"], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on("line", (l) => waiting.shift()(JSON.parse(l)));
  let id = 0;
  const ask = (req) =>
    new Promise((resolve, reject) => {
      waiting.push((reply) => (reply.error ? reject(new Error(reply.error)) : resolve(reply)));
      child.stdin.write(JSON.stringify(Object.assign({ id: ++id }, req)) + "\n");
    });
  const ready = ask({ cmd: "start", protocol: 1, role: "provider" }).then(() =>
    ask({ cmd: "reset", api, apiVersion: "latest" }),
  );
  return { ask: (req) => ready.then(() => ask(req)), stop: () => child.stdin.end(JSON.stringify({ id: ++id, cmd: "stop" }) + "\n") };
}

const raw = { widget: [], embedded: [] };
const KEY = "page-config-key-0123456789abcdef";
const PHONE = "+1 (555) 010-4477";
const EMAIL = "jane.roe@example.com";

// --- A fake API A: methods, on/remove, events from the model, answers back to it -----------------
function fakeAdApiClass(view) {
  return class AdApi {
    constructor(options) {
      this.options = options;
      this.handlers = new Map();
      this.desk = desktop("widget");
    }
    on(event, h) {
      if (!this.handlers.has(event)) this.handlers.set(event, new Set());
      this.handlers.get(event).add(h);
    }
    remove(event, h) {
      const s = this.handlers.get(event);
      if (s) s.delete(h);
    }
    async deliver(events) {
      for (const e of events || []) {
        raw.widget.push({ kind: "event", name: e.event, value: e.args });
        let answer;
        for (const h of Array.from(this.handlers.get(e.event) || [])) answer = await h(...e.args);
        if (view.apis.widget.events[e.event] && view.apis.widget.events[e.event].needResponse) {
          const response = answer === undefined ? null : answer;
          raw.widget.push({ kind: "response", name: e.event, value: response });
          const r = await this.desk.ask({ cmd: "answer", event: e.event, response });
          await this.deliver(r.events);
        }
      }
    }
    async fixture(fixture, args) {
      const r = await this.desk.ask({ cmd: "fixture", fixture, args });
      await this.deliver(r.events);
    }
  };
}

function addMethods(Cls, view) {
  for (const name of Object.keys(view.apis.widget.methods)) {
    Cls.prototype[name] = async function (...args) {
      while (args.length && args[args.length - 1] === undefined) args.pop();
      raw.widget.push({ kind: "call", name, value: args });
      const r = await this.desk.ask({ cmd: "call", method: name, args });
      // The vendor answers the request, then delivers what it caused.
      raw.widget.push({ kind: "result", name, value: r.result });
      setTimeout(() => this.deliver(r.events), 0);
      return r.result;
    };
  }
}

// --- A fake API B: fire-and-forget calls with callbacks, handler registrations ------------------
function fakeEmbedded(view) {
  const desk = desktop("embedded");
  const handlers = new Map();
  const api = {
    init() {},
    async deliver(events) {
      for (const e of events || []) {
        raw.embedded.push({ kind: "event", name: e.event, value: e.args });
        const wire = view.apis.embedded.events[e.event] ? e.event : e.event;
        for (const h of handlers.get(e.event) || []) h({ command: wire, data: e.args[0] });
      }
    },
    async fixture(fixture, args) {
      const r = await desk.ask({ cmd: "fixture", fixture, args });
      await api.deliver(r.events);
    },
    stop: () => desk.stop(),
  };
  for (const [name, m] of Object.entries(view.apis.embedded.methods)) {
    if (!m.sends) continue;
    api[name] = (...list) => {
      let callback = null;
      if (m.callback && typeof list[m.params.length] === "function") callback = list.splice(m.params.length)[0];
      while (list.length && list[list.length - 1] === undefined) list.pop();
      raw.embedded.push({ kind: "call", name, value: list });
      desk.ask({ cmd: "call", method: name, args: list }).then((r) => {
        if (callback && r.result !== undefined) {
          raw.embedded.push({ kind: "result", name, value: r.result });
          callback({ command: name, data: r.result, request_id: "1" });
        }
        api.deliver(r.events);
      });
    };
  }
  for (const name of Object.keys(view.apis.embedded.events)) {
    api[name] = (h) => {
      if (!handlers.has(name)) handlers.set(name, []);
      handlers.get(name).push(h);
    };
  }
  return api;
}

const settle = () => new Promise((r) => setTimeout(r, 60));

globalThis.window = globalThis;
// API B's vendor script is loaded before the recorder, API A's after it: both ways are wrapped.
window.adcontractRecorderConfig = { key: KEY, title: "node drive" };
const viewOnly = (() => {
  // The table is read from the script itself, before the vendor exists.
  require(recorderPath);
  return window.adcontractRecorder.view;
})();
// Reload is not possible with the recorder installed; B is attached after the fact below.
window.bpspat = { api: fakeEmbedded(viewOnly) };
const FakeAdApi = fakeAdApiClass(viewOnly);
addMethods(FakeAdApi, viewOnly);
window.brightpattern = { AdApi: FakeAdApi };

const recorder = window.adcontractRecorder;
const delivered = [];
recorder.config.onRecording = (text) => delivered.push(text);

// --- The page (API A) ----------------------------------------------------------------------------
const api = new window.brightpattern.AdApi({ integrationKey: "tenant-integration-key-42" });
const real = Object.getPrototypeOf(api);
const list = [];
api.on("ON_NEW_INTERACTION", (i) => list.push(i.interactionId));
const dropped = () => list.push("never");
api.on("ON_INTERACTION_REMOVED", dropped);
api.remove("ON_INTERACTION_REMOVED", dropped);
await real.fixture("login", { agentId: "agent.smith" });
await settle();
await api.getAgentState();
await real.fixture("offer", { interactionId: "in-1", type: "voice", phoneNumber: PHONE });
await settle();
await api.acceptInteraction("in-1");
await settle();
await real.fixture("remoteEnd", { interactionId: "in-1" });
await settle();
await api.addNote("Customer Jane Roe called about her bill", "in-1");
await api.completeInteraction("in-1");
await settle();
await api.startCall(PHONE);
await settle();
await api.startEmail(EMAIL);
await settle();
await real.fixture("offer", { interactionId: "in-2", type: "email", email: EMAIL });
await settle();

// --- The page (API B) ----------------------------------------------------------------------------
const b = window.bpspat.api;
const seen = [];
b.addInteractionRenderedHandler((m) => seen.push(m.data.item_id));
b.onStatusChange(() => {});
await Object.getPrototypeOf(b).fixture("login", { agentId: "agent.b" });
await settle();
b.dialNumber(PHONE);
await settle();
b.getState((m) => seen.push(m.data));
await settle();

const texts = await recorder.stop();
Object.getPrototypeOf(b).stop();
real.desk.stop();
const byApi = (a) => texts.find((t) => JSON.parse(t.split("\n")[0]).api === a);
process.stdout.write(
  JSON.stringify({
    widget: byApi("widget"),
    embedded: byApi("embedded"),
    delivered: delivered.length,
    raw,
    key: KEY,
    pseudonyms: { phone: recorder.pseudonym("phone", PHONE), email: recorder.pseudonym("email", EMAIL) },
    hmacCheck: recorder.hmac(KEY, "abc"),
    list,
    seen,
  }),
);
