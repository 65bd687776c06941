#!/usr/bin/env node
// Benchmark (not a test): wall time of generating TypeScript for every view of the canonical
// schema with `adcontract generate typescript`, against quicktype and json-schema-to-typescript
// on the same schema (`adcontract schema --api-version V`), installed from npm into a temporary
// folder. Prints the median of RUNS runs per tool and view, and each tool's ratio to adcontract.
//
//   node benches/ts_generation.mjs            # builds target/release/adcontract first
//   ADCONTRACT_BIN=target/debug/adcontract RUNS=9 node benches/ts_generation.mjs
//
// Every figure is one whole process (start-up included), as a user or CI runs the tool.
// The other tools read `definitions` (older drafts) and need a root type: the script rewrites
// `$defs` into `definitions` and adds a root object with one property per type, so that all three
// generate every type. They do less than adcontract (no validators, no API constants or client).

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
const RUNS = Number(process.env.RUNS || 7);
const VIEWS = ["5.19", "5.24", "latest"];
const QUICKTYPE = "quicktype@26.0.0";
const J2TS = "json-schema-to-typescript@16.0.0";

let bin = process.env.ADCONTRACT_BIN;
if (!bin) {
  execFileSync("cargo", ["build", "-q", "--release", "-p", "adcontract", "--bin", "adcontract"], { cwd: root, stdio: "inherit" });
  bin = join(root, "target/release/adcontract");
}
bin = resolve(root, bin);

const tmp = mkdtempSync(join(tmpdir(), "adcontract-bench-"));
try {
  writeFileSync(join(tmp, "package.json"), "{\"private\": true}\n");
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", QUICKTYPE, J2TS], { cwd: tmp, stdio: "inherit" });
  const qt = join(tmp, "node_modules/.bin/quicktype");
  const j2ts = join(tmp, "node_modules/.bin/json2ts");

  const time = (cmd, args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: tmp, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
    return ms;
  };
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };

  const rows = [];
  const totals = { adcontract: 0, quicktype: 0, "json-schema-to-typescript": 0 };
  for (const v of VIEWS) {
    const schema = JSON.parse(execFileSync(bin, ["schema", "--api-version", v], { cwd: root, maxBuffer: 1 << 26 }).toString());
    const text = JSON.stringify(schema).replaceAll('"#/$defs/', '"#/definitions/');
    const defs = JSON.parse(text).$defs;
    const wrapped = {
      $schema: "http://json-schema.org/draft-07/schema#",
      title: "AgentDesktop",
      type: "object",
      definitions: defs,
      properties: Object.fromEntries(Object.keys(defs).map((k) => [k, { $ref: `#/definitions/${k}` }])),
    };
    const input = join(tmp, `schema-${v}.json`);
    writeFileSync(input, JSON.stringify(wrapped, null, 2));
    const tools = {
      adcontract: [bin, ["generate", "typescript", "--api-version", v, "--out", join(tmp, `ours-${v}`)]],
      quicktype: [qt, ["--src-lang", "schema", "--lang", "typescript", "--just-types", "--top-level", "AgentDesktop", "-o", join(tmp, `qt-${v}.ts`), input]],
      "json-schema-to-typescript": [j2ts, ["-i", input, "-o", join(tmp, `j2ts-${v}.d.ts`), "--unreachableDefinitions"]],
    };
    const med = {};
    for (const [name, [cmd, args]] of Object.entries(tools)) {
      time(cmd, args); // warm-up (file cache, first JIT)
      const runs = Array.from({ length: RUNS }, () => time(cmd, args));
      med[name] = median(runs);
      totals[name] += med[name];
    }
    rows.push([v, Object.keys(defs).length, text.length, med]);
  }

  const f = (ms) => `${ms.toFixed(1)} ms`;
  console.log(`median of ${RUNS} runs (after one warm-up), wall time of one process; adcontract: ${bin}`);
  console.log("view    types  schema bytes   adcontract   quicktype (ratio)        json-schema-to-typescript (ratio)");
  for (const [v, n, bytes, m] of rows) {
    console.log(
      `${v.padEnd(7)} ${String(n).padStart(5)}  ${String(bytes).padStart(12)}   ${f(m.adcontract).padStart(10)}   ` +
        `${f(m.quicktype).padStart(10)} (${(m.quicktype / m.adcontract).toFixed(1)}x)      ` +
        `${f(m["json-schema-to-typescript"]).padStart(10)} (${(m["json-schema-to-typescript"] / m.adcontract).toFixed(1)}x)`,
    );
  }
  console.log(
    `all     ${"".padStart(5)}  ${"".padStart(12)}   ${f(totals.adcontract).padStart(10)}   ${f(totals.quicktype).padStart(10)} ` +
      `(${(totals.quicktype / totals.adcontract).toFixed(1)}x)      ${f(totals["json-schema-to-typescript"]).padStart(10)} ` +
      `(${(totals["json-schema-to-typescript"] / totals.adcontract).toFixed(1)}x)`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
