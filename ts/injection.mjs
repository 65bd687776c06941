// Loads a generated package built from a hostile schema and validates the cases read from stdin,
// with traps that record any code the schema could have smuggled in: `alert` (what the hostile
// names call), and any property that appears on `Object.prototype` (what `__proto__` could pollute).
// stdin:  {"package": "/abs/dir/index.js", "cases": [{"type": "T", "tsName": "T", "value": <json>}, ...]}
// stdout: {"results": [{"problems": [...], "is": bool}, ...], "executed": [...], "polluted": [...]}
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const executed = [];
globalThis.alert = (x) => executed.push(String(x));
const before = new Set(Object.getOwnPropertyNames(Object.prototype));

// The values are parsed here, as a page would parse a message: `"__proto__"` becomes an own key.
const input = JSON.parse(readFileSync(0, "utf8"));
const pkg = await import(pathToFileURL(input.package).href);
const results = input.cases.map((c) => ({
  problems: pkg.validate(c.type, c.value),
  is: pkg[`is${c.tsName}`](c.value),
}));
const polluted = Object.getOwnPropertyNames(Object.prototype).filter((k) => !before.has(k));
process.stdout.write(JSON.stringify({ results, executed, polluted }));
