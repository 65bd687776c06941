// adcontract harness adapter for JavaScript / TypeScript implementations of API A and API B.
//
// Usage: node harness.mjs ./my-impl.mjs
//
// The module exports a factory per API it plays (at least one):
//  - `createProvider(emit)` (API A, widget) returns an object that implements the request methods
//    of the generated `AgentDesktopClientAPI`: positional arguments, (a promise of) an
//    OperationResult; a method it lacks is answered with `api_method_not_implemented`.
//  - `createEmbeddedProvider(emit)` (API B, embedded) returns an object that implements the
//    methods of the generated `EmbeddedAgentDesktopAPI`. The module then also exports
//    `contractEmbeddedCallbacks`, re-exported from the same generated package: it says which
//    methods answer through a callback and at which parameter index. A call is complete when the
//    method returns or, if it returns a promise, when that settles; the call's result is the
//    `data` of the message the callback received by then, and there is none when the method has
//    no callback or did not call it in time.
// Both objects also have `reset(api, apiVersion)` (return a string to skip the case; a throw is
// an error), `fixture(name, args)` (see docs/conformance/recording.md) and, optionally,
// `answer(event, response)` for data-providing events. Events are reported with
// `emit(eventName, ...args)` (or `emit.raw(eventName, args)` to pass a recorded event on as is):
// everything emitted while a request is handled is returned with that request's reply, in order.
// harness.d.mts declares these shapes for TypeScript (`WidgetProvider`, `EmbeddedProvider`).
// The adapter speaks docs/conformance/protocol.md on stdin/stdout (one JSON object per line).
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const PROTOCOL = 1;
const target = process.argv[2];
if (!target) {
  process.stderr.write("usage: node harness.mjs ./my-impl.mjs\n");
  process.exit(2);
}
const mod = await import(pathToFileURL(resolve(target)).href);
const factories = { widget: mod.createProvider, embedded: mod.createEmbeddedProvider };
const served = Object.keys(factories).filter((api) => typeof factories[api] === "function");
const callbacks = mod.contractEmbeddedCallbacks;
const NOT_METHODS = new Set(["reset", "fixture", "answer", "constructor"]);
// What every object inherits (`toString`, `hasOwnProperty`, ...) is not an implemented method.
const method = (name) => {
  const f = impl[name];
  return typeof f === "function" && !NOT_METHODS.has(name) && f !== Object.prototype[name] ? f : null;
};
const NOT_IMPLEMENTED = { status: "error", error: { code: 14, name: "api_method_not_implemented" } };

// Nothing the implementation does after a request completed may be lost without a word: it cannot
// go into a reply that was already written, so it is remembered and fails the next exchange of
// the same case (`error`, counted as PROTO-ERRORED), naming what came too late.
let busy = false;
let pending = [];
let late = [];

// JSON has no `undefined`: an optional argument left out at the end is dropped, as if the handler
// had been called without it, instead of turning into a `null` the contract may not allow.
function positional(args) {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}

function record(event, args) {
  if (busy) pending.push({ event, args: positional(args) });
  else late.push(`event ${event} was emitted between requests`);
}
const emit = (event, ...args) => record(event, args);
emit.raw = (event, args) => {
  if (!Array.isArray(args)) throw new TypeError(`emit.raw(${JSON.stringify(event)}, args): args must be an array`);
  record(event, args);
};

const instances = {};
let api = null;
let impl = null;

function write(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function start(id, req) {
  if (req.protocol !== PROTOCOL) return { id, error: `protocol ${req.protocol} not supported` };
  if (req.role !== "provider") return { id, error: "this adapter plays the provider role" };
  if (served.length === 0) {
    return { id, error: `${target} exports neither createProvider (API A) nor createEmbeddedProvider (API B)` };
  }
  if (served.includes("embedded") && (callbacks === null || typeof callbacks !== "object")) {
    return {
      id,
      error: `${target} exports createEmbeddedProvider but no contractEmbeddedCallbacks table: re-export it from the generated package the implementation is typed with`,
    };
  }
  return {
    id, ok: true, protocol: PROTOCOL,
    implementation: { name: mod.name ?? "js-implementation", version: mod.version ?? "0.0.0", language: "javascript" },
    role: "provider", apis: served.map((a) => ({ api: a, versions: [] })), capabilities: [],
  };
}

async function callWidget(req) {
  const f = method(req.method);
  return f === null ? NOT_IMPLEMENTED : await f.apply(impl, req.args);
}

// API B is fire-and-forget: a call that cannot reach a method has no effect and no answer, as in
// the reference model. Returns `{ result }` only when the callback answered in time.
async function callEmbedded(req, requestId) {
  const m = req.method;
  if (!Object.hasOwn(callbacks, m)) return {};
  const f = method(m);
  if (f === null) return {};
  const at = callbacks[m];
  if (at === null) {
    await f.apply(impl, req.args);
    return {};
  }
  // The callback's place is fixed; a call with more arguments than the method declares would
  // put one of them there. The vendor's SDK would misread such a call, the model ignores it.
  if (req.args.length > at) return {};
  const args = [...req.args];
  while (args.length < at) args.push(undefined);
  let complete = false;
  const messages = [];
  const callback = (message) => {
    if (complete) late.push(`the callback of ${m} (request ${requestId}) ran after the call had completed`);
    else messages.push(message);
  };
  args.push(callback);
  try {
    await f.apply(impl, args);
  } finally {
    // A call that failed is complete too: an answer after its error reply is late.
    complete = true;
  }
  if (messages.length === 0) return {};
  if (messages.length > 1) {
    throw new Error(`the callback of ${m} was called ${messages.length} times; it answers once`);
  }
  const [message] = messages;
  if (message === null || typeof message !== "object" || !("data" in message)) {
    throw new Error(`the callback of ${m} received ${JSON.stringify(message)}, not a message {command, data}`);
  }
  // A message whose data is `undefined` still answered; JSON says `null`.
  return { result: message.data === undefined ? null : message.data };
}

function lateError(id) {
  const what = late.join("; ");
  late = [];
  return {
    id,
    error: `${what}: its answer could not be reported. Call callbacks and emit events before a method returns, or return a promise that settles after them`,
  };
}

async function handle(req) {
  const id = req.id;
  pending = [];
  switch (req.cmd) {
    case "start":
      return start(id, req);
    case "reset": {
      if (late.length > 0) {
        process.stderr.write(`harness: after the last case: ${late.join("; ")}\n`);
        late = [];
      }
      const factory = factories[req.api];
      if (typeof factory !== "function") {
        return { id, skip: `${target} does not implement the ${req.api} API` };
      }
      instances[req.api] ??= factory(emit);
      api = req.api;
      impl = instances[req.api];
      const r = await impl.reset(req.api, req.apiVersion);
      return typeof r === "string" ? { id, skip: r } : { id, ok: true };
    }
    case "fixture":
    case "call":
    case "answer": {
      if (impl === null) return { id, error: `${req.cmd} before any reset` };
      let reply;
      if (req.cmd === "fixture") {
        await impl.fixture(req.fixture, req.args);
        reply = { id, events: pending };
      } else if (req.cmd === "answer") {
        if (typeof impl.answer === "function") await impl.answer(req.event, req.response);
        reply = { id, events: pending };
      } else if (api === "widget") {
        reply = { id, result: await callWidget(req), events: pending };
      } else {
        reply = { id, ...(await callEmbedded(req, id)), events: pending };
      }
      return late.length > 0 ? lateError(id) : reply;
    }
    default:
      return { id, error: `command ${req.cmd} does not fit the provider role` };
  }
}

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (!line.trim()) continue;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    write({ id: 0, error: `not a request: ${e.message}` });
    continue;
  }
  if (req.cmd === "stop") break;
  busy = true;
  try {
    write(await handle(req));
  } catch (e) {
    write({ id: req.id, error: String(e && e.stack || e) });
  } finally {
    busy = false;
  }
}
process.exit(0);
