// Runs a generated package's validators over cases read from stdin and prints what they report,
// for the tests crate's differential test against the Rust validator.
// stdin:  {"package": "/abs/dir/index.js", "cases": [{"type": "T", "value": <json>, "denyUnknown": false}, ...]}
// stdout: [[{"path", "keyword", "message", "severity"}, ...] | {"thrown": "message"}, ...] (one entry per case)
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const input = JSON.parse(readFileSync(0, "utf8"));
const pkg = await import(pathToFileURL(input.package).href);
const out = input.cases.map((c) => {
  try {
    const problems = pkg.validate(c.type, c.value, { denyUnknown: !!c.denyUnknown });
    // The per-type entry points and the type guard must agree with the generic one.
    const own = pkg[`validate${c.tsName}`];
    const guard = pkg[`is${c.tsName}`];
    if (typeof own !== "function" || typeof guard !== "function") return { thrown: `missing validate${c.tsName}/is${c.tsName}` };
    if (!c.denyUnknown && JSON.stringify(own(c.value)) !== JSON.stringify(problems)) return { thrown: `validate${c.tsName} disagrees with validate()` };
    const valid = !problems.some((p) => p.severity === "error");
    if (!c.denyUnknown && guard(c.value) !== valid) return { thrown: `is${c.tsName} disagrees with validate()` };
    return problems;
  } catch (e) {
    return { thrown: String(e && e.message) };
  }
});
process.stdout.write(JSON.stringify(out));
