#!/usr/bin/env node
// Benchmark (not a test): the generated TypeScript package's validators against ajv 8 on the
// 5.19 view, and the bundle cost of importing one validator. Installs ajv and esbuild (pinned
// below) into a temporary folder, generates the package with the adcontract binary, builds
// N InteractionData objects (valid ones, and invalid ones with exactly 3 problems each) and
// times them side by side (see `race`) and prints the median throughputs and the median ratios
// against the goals of issue 14:
//   isInteractionData (valid objects)               >= 1.5x ajv 2020-12 compiled `validate`
//   validateInteractionData (invalid, all problems) >= 1x   ajv with `allErrors: true`
//   esbuild bundle importing only isInteractionData <= 25 KB minified / 7.6 KB gzipped
//
//   node benches/ts_validate.mjs                    # builds target/release/adcontract first
//   ADCONTRACT_BIN=target/debug/adcontract ROUNDS=7 N=200000 node benches/ts_validate.mjs
//   BASELINE_BIN=/path/to/older/adcontract ...      # also measures that binary's package
//   PARITY_COST=1 ...                               # also prices the Rust-parity work (below)
//
// Generation speed is not measured, so a debug binary is as good as a release one here.

import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";


const root = resolve(new URL("..", import.meta.url).pathname);
const ROUNDS = Number(process.env.ROUNDS || 5);
const N = Number(process.env.N || 200000);
const AJV = "ajv@8.20.0";
const ESBUILD = "esbuild@0.28.2";
const VIEW = "5.19";
const PKG = "@adcontract/agent-desktop-5.19";

let bin = process.env.ADCONTRACT_BIN;
if (!bin) {
  execFileSync("cargo", ["build", "-q", "--release", "-p", "adcontract", "--bin", "adcontract"], { cwd: root, stdio: "inherit" });
  bin = join(root, "target/release/adcontract");
}
bin = resolve(root, bin);
const baselineBin = process.env.BASELINE_BIN ? resolve(root, process.env.BASELINE_BIN) : null;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---- Data: deterministic pseudo-random InteractionData objects ----
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const id = () => Math.floor(rnd() * 1e12).toString(36);
const STATES = ["queued", "ivr", "delivered", "hold", "completed", "wrap_up"];
const TYPES = ["voice", "chat", "email"];
function interaction() {
  const type = pick(TYPES);
  const o = {
    interactionId: id(),
    globalInteractionId: id(),
    state: pick(STATES),
    type,
    callParties: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => ({ id: id(), name: `Party ${id()}`, phone: `+1555${Math.floor(rnd() * 1e7)}` })),
    callMuted: rnd() < 0.2,
    callRecording: rnd() < 0.5,
    attachedData: { account: id(), priority: String(Math.floor(rnd() * 5)), campaign: pick(["spring", "renewals", "support"]) },
    subject: `Subject ${id()}`,
    associatedObjects: {
      list: [{ id: id(), type: "contact", displayName: "Jane Doe", displayType: "Contact", customFields: { tier: "gold" }, source: "crm" }],
      selected: rnd() < 0.5 ? null : id(),
    },
    startTime: 1700000000000 + Math.floor(rnd() * 1e9),
    service: pick(["Sales", "Support"]),
  };
  if (type === "voice") {
    o.phoneNumber = `+1555${Math.floor(rnd() * 1e7)}`;
    o.callDirection = pick(["inbound", "outbound"]);
    o.DNIS = "8005550100";
    o.ANI = o.phoneNumber;
  } else if (type === "email") {
    o.email = `${id()}@example.com`;
  }
  return o;
}
/** Three problems: an unknown state, a string for a boolean, a missing required property. */
function broken() {
  const o = interaction();
  o.state = "lost";
  o.callMuted = "no";
  delete o.subject;
  return o;
}

const tmp = mkdtempSync(join(tmpdir(), "adcontract-bench-validate-"));
try {
  writeFileSync(join(tmp, "package.json"), "{\"private\": true, \"type\": \"module\"}\n");
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", AJV, ESBUILD], { cwd: tmp, stdio: "inherit" });
  const esbuild = join(tmp, "node_modules/.bin/esbuild");

  const generate = (b, dir) => execFileSync(b, ["generate", "typescript", "--api-version", VIEW, "--out", dir], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const ours = join(tmp, "node_modules", PKG);
  generate(bin, ours);
  const schema = JSON.parse(execFileSync(bin, ["schema", "--api-version", VIEW], { cwd: root, maxBuffer: 1 << 26 }).toString());

  const { default: Ajv2020 } = await import(pathToFileURL(join(tmp, "node_modules/ajv/dist/2020.js")).href);
  const ajvOptions = { strict: false, validateFormats: false };
  const ajvFirst = new Ajv2020(ajvOptions).addSchema(schema).getSchema(`${schema.$id}#/$defs/InteractionData`);
  const ajvAll = new Ajv2020({ ...ajvOptions, allErrors: true }).addSchema(schema).getSchema(`${schema.$id}#/$defs/InteractionData`);
  const pkg = await import(pathToFileURL(join(ours, "index.js")).href);
  let base = null;
  if (baselineBin) {
    const dir = join(tmp, "baseline", "node_modules", PKG);
    generate(baselineBin, dir);
    base = { dir, pkg: await import(pathToFileURL(join(dir, "index.js")).href) };
  }

  // PARITY_COST=1: what two pieces of Rust parity cost `validate`, which ajv's output has no
  // counterpart of: counting each object's keys to report undeclared properties (a warning on
  // an open object), and the offending value quoted in a message (`got "lost"`). Each is taken
  // out of a copy of our package by rewriting the generated code, so these copies are
  // deliberately wrong (they miss undeclared properties, or word messages without the value)
  // and are only raced, never checked. A rewrite that no longer applies stops the benchmark
  // rather than price nothing.
  const rewrite = (what, text, re, to, want) => {
    const out = text.replace(re, to);
    if (out === text || (want && !want(out))) throw new Error(`PARITY_COST: the rewrite "${what}" no longer applies to the generated code`);
    return out;
  };
  const uncounted = (pkgDir) => {
    const f = join(pkgDir, "validators.js");
    // `let t = 0; for (const _ in o) t++; if (t !== n && $extra(o, n))` becomes `let t = n; …`.
    const re = /let (t\d+) = 0;\n\s*for \(const _ in [\w$]+\) \1\+\+;\n(\s*)if \(\1 !== (n\d+)/g;
    writeFileSync(f, rewrite("no key counting", readFileSync(f, "utf8"), re, "let $1 = $3;\n$2if ($1 !== $3", (t) => !t.includes("for (const _ in")));
  };
  const unquoted = (pkgDir) => {
    const f = join(pkgDir, "runtime.js");
    const re = /(export function \$got\([^)]*\) \{[^]*?const message = )[^;]*;/;
    writeFileSync(f, rewrite("no quoted values", readFileSync(f, "utf8"), re, "$1expected;"));
  };
  const ablations = [];
  if (process.env.PARITY_COST) {
    for (const [label, edits] of [
      ["without counting keys for undeclared properties", [uncounted]],
      ["without the value quoted in messages", [unquoted]],
      ["without either", [uncounted, unquoted]],
    ]) {
      const dir = join(tmp, `ablation-${ablations.length}`, "node_modules", PKG);
      cpSync(ours, dir, { recursive: true });
      for (const edit of edits) edit(dir);
      const ablated = await import(pathToFileURL(join(dir, "index.js")).href);
      ablations.push({ label, f: (o) => ablated.validateInteractionData(o).length });
    }
  }

  // As a page gets them: parsed from JSON text (plain objects, no deleted properties).
  const parsed = (f) => () => JSON.parse(JSON.stringify(f()));
  const valid = Array.from({ length: N }, parsed(interaction));
  const invalid = Array.from({ length: N }, parsed(broken));
  // Both sides must agree on what they are measured on.
  for (const o of valid.slice(0, 1000)) {
    if (!pkg.isInteractionData(o) || !ajvFirst(o)) throw new Error(`not valid for both: ${JSON.stringify(o)} ${JSON.stringify(pkg.validateInteractionData(o))} ${JSON.stringify(ajvFirst.errors)}`);
  }
  for (const o of invalid.slice(0, 1000)) {
    const ps = pkg.validateInteractionData(o);
    if (ps.filter((p) => p.severity === "error").length !== 3 || ajvAll(o) || ajvAll.errors.length < 3) throw new Error(`not 3 problems: ${JSON.stringify(ps)} ${JSON.stringify(ajvAll.errors)}`);
  }

  /**
   * Rounds of the contenders over `data`, side by side: each round times every contender once,
   * in an order that rotates from round to round, so that the drift of a noisy machine and the
   * collection of each other's garbage fall on both sides alike. (A full collection before
   * each run would be tidier, but it moves the objects and measures a different memory
   * layout from the one `JSON.parse` leaves, which is what a page validates.) Returns each
   * contender's median objects per second and, for each against the last (the baseline), the
   * median of the per-round ratios. One warm-up round first.
   */
  const race = (fs, data) => {
    let sink = 0;
    const time = (f) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < data.length; i++) if (f(data[i])) sink++;
      return data.length / (Number(process.hrtime.bigint() - t0) / 1e9);
    };
    const rates = fs.map(() => []);
    for (let r = 0; r <= ROUNDS; r++) {
      for (let k = 0; k < fs.length; k++) {
        const i = (k + r) % fs.length;
        const x = time(fs[i]);
        if (r > 0) rates[i].push(x);
      }
    }
    if (sink < 0) console.log(sink);
    const last = rates.length - 1;
    return rates.map((xs, i) => ({ rate: median(xs), ratio: median(xs.map((x, r) => x / rates[last][r])) }));
  };
  const rate = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M/s` : `${(x / 1e3).toFixed(0)} k/s`);

  console.log(`${N} InteractionData objects (${VIEW}), ${ROUNDS} rounds after warm-up, contenders side by side; medians; node ${process.version}`);
  console.log("");
  const isFs = [pkg.isInteractionData, ...(base ? [base.pkg.isInteractionData] : []), ajvFirst];
  const vFs = [(o) => pkg.validateInteractionData(o).length, ...(base ? [(o) => base.pkg.validateInteractionData(o).length] : []), ...ablations.map((a) => a.f), (o) => !ajvAll(o) && ajvAll.errors.length];
  const rows = [
    ["valid objects, isInteractionData vs ajv validate", race(isFs, valid), 1.5],
    ["invalid objects (3 problems), validateInteractionData vs ajv allErrors", race(vFs, invalid), 1],
  ];
  for (const [what, res, goal] of rows) {
    const [ours, ajv] = [res[0], res[res.length - 1]];
    console.log(`${what}:\n  adcontract ${rate(ours.rate)}   ajv ${rate(ajv.rate)}   ratio ${ours.ratio.toFixed(2)}x (goal >= ${goal}x: ${ours.ratio >= goal ? "met" : "NOT met"})`);
    if (base) console.log(`  baseline package (${baselineBin}): ${rate(res[1].rate)}, ratio to ajv ${res[1].ratio.toFixed(2)}x`);
  }
  if (ablations.length) {
    const first = base ? 2 : 1;
    console.log("  what Rust parity costs (copies of our package with it taken out, deliberately wrong):");
    ablations.forEach((a, i) => {
      const r = rows[1][1][first + i];
      console.log(`    ${a.label}: ${rate(r.rate)}, ratio ${r.ratio.toFixed(2)}x`);
    });
  }

  // ---- Bundle cost ----
  const bundle = (dir, label) => {
    const entry = join(dir, "..", "..", "..", `entry-${label}.mjs`);
    writeFileSync(entry, `import { isInteractionData } from "${PKG}";\nglobalThis.check = isInteractionData;\n`);
    const out = join(tmp, `bundle-${label}.js`);
    execFileSync(esbuild, [entry, "--bundle", "--minify", "--format=esm", `--outfile=${out}`, "--log-level=warning"], { cwd: join(dir, "..", "..", "..") });
    const code = readFileSync(out);
    return [code.length, gzipSync(code, { level: 9 }).length];
  };
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const [min, gz] = bundle(ours, "ours");
  console.log("");
  console.log(`esbuild bundle importing only isInteractionData: ${kb(min)} minified, ${kb(gz)} gzipped (gzip -9)`);
  console.log(`  goal <= 25 KB / 7.6 KB: ${kb(min)} is ${(min / (25 * 1024) * 100).toFixed(0)}% of 25 KB, ${kb(gz)} is ${(gz / (7.6 * 1024) * 100).toFixed(0)}% of 7.6 KB (${min <= 25 * 1024 && gz <= 7.6 * 1024 ? "met" : "NOT met"})`);
  if (base) {
    const [bmin, bgz] = bundle(base.dir, "baseline");
    console.log(`  baseline package: ${kb(bmin)} minified, ${kb(bgz)} gzipped`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
