// adcontract harness adapter for JavaScript / TypeScript implementations of API A.
//
// Usage: node harness.mjs ./my-impl.mjs
//
// The module must export `createProvider(emit)` returning an object that
//  - implements the API A methods of `AgentDesktopClientAPI` (the generated TypeScript
//    interface): each takes positional arguments and returns (a promise of) an OperationResult;
//    a method it lacks is answered with `api_method_not_implemented`;
//  - has `reset(api, apiVersion)` (return a string to skip the case; a throw is an error),
//    `fixture(name, args)` (see docs/conformance/recording.md) and, optionally,
//    `answer(event, response)` for data-providing events;
//  - reports events by calling `emit(eventName, ...args)`: everything emitted while a request is
//    being handled is returned with that request's reply, in order.
// harness.d.mts declares this shape for TypeScript (`WidgetProvider<AgentDesktopClientAPI>`).
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
let pending = [];
const emit = (event, ...args) => pending.push({ event, args });
const impl = mod.createProvider(emit);
const NOT_METHODS = new Set(["reset", "fixture", "answer", "constructor"]);

function write(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

async function handle(req) {
  const id = req.id;
  pending = [];
  switch (req.cmd) {
    case "start":
      if (req.protocol !== PROTOCOL) return { id, error: `protocol ${req.protocol} not supported` };
      if (req.role !== "provider") return { id, error: "this adapter plays the provider role" };
      return {
        id, ok: true, protocol: PROTOCOL,
        implementation: { name: mod.name ?? "js-implementation", version: mod.version ?? "0.0.0", language: "javascript" },
        role: "provider", apis: [{ api: "widget", versions: [] }], capabilities: [],
      };
    case "reset": {
      if (req.api !== "widget") return { id, skip: "the JS adapter wraps API A (widget) only" };
      const r = await impl.reset(req.api, req.apiVersion);
      return typeof r === "string" ? { id, skip: r } : { id, ok: true };
    }
    case "fixture":
      await impl.fixture(req.fixture, req.args);
      return { id, events: pending };
    case "call": {
      const f = impl[req.method];
      let result;
      if (typeof f !== "function" || NOT_METHODS.has(req.method)) {
        result = { status: "error", error: { code: 14, name: "api_method_not_implemented" } };
      } else {
        result = await f.apply(impl, req.args);
      }
      return { id, result, events: pending };
    }
    case "answer":
      if (typeof impl.answer === "function") await impl.answer(req.event, req.response);
      return { id, events: pending };
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
  try {
    write(await handle(req));
  } catch (e) {
    write({ id: req.id, error: String(e && e.stack || e) });
  }
}
process.exit(0);
