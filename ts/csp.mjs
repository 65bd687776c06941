// Loads a generated package in headless Chromium (Debian's /usr/bin/chromium, driven by the
// pinned playwright-core) from a loopback server whose pages carry
// `Content-Security-Policy: script-src 'self'`, and reports what the pages saw:
//   /app.html     imports the package, validates the cases of /cases.json with `validate` and
//                 `is<Type>`, and publishes the results;
//   /eval.html    the same policy, a script that tries `eval` and `new Function` (must be blocked);
//   /control.html the same script without the policy (must run: proves the header is in force).
// usage: node csp.mjs <package dir> <cases.json>   (cases: {"type", "tsName", "values": [...]})
// stdout: {"app": {...} | "error", "eval": "...", "control": "...", "violations": [...]}
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { chromium } from "playwright-core";

const [pkgDir, casesPath] = process.argv.slice(2);
const CSP = "script-src 'self'";

const pages = {
  "/app.html": "<!doctype html><title>app</title><script type=\"module\" src=\"/app.js\"></script>",
  "/eval.html": "<!doctype html><title>eval</title><script type=\"module\" src=\"/eval.js\"></script>",
  "/control.html": "<!doctype html><title>control</title><script type=\"module\" src=\"/eval.js\"></script>",
};
const scripts = {
  "/app.js": `import * as pkg from "/pkg/index.js";
const cases = await (await fetch("/cases.json")).json();
window.__result = cases.values.map((v) => ({
  problems: pkg.validate(cases.type, v),
  is: pkg["is" + cases.tsName](v),
}));
`,
  "/eval.js": `let out = [];
try { out.push("eval ran: " + eval("1 + 1")); } catch (e) { out.push("eval blocked: " + e.name); }
try { out.push("Function ran: " + new Function("return 2")()); } catch (e) { out.push("Function blocked: " + e.name); }
window.__result = out.join("; ");
`,
};

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  const path = url.pathname;
  const headers = path === "/control.html" ? {} : { "Content-Security-Policy": CSP };
  const send = (type, body) => {
    res.writeHead(200, { ...headers, "Content-Type": type });
    res.end(body);
  };
  if (path === "/favicon.ico") {
    res.writeHead(204, headers);
    return res.end();
  }
  if (pages[path]) return send("text/html; charset=utf-8", pages[path]);
  if (scripts[path]) return send("text/javascript; charset=utf-8", scripts[path]);
  if (path === "/cases.json") return send("application/json", readFileSync(casesPath));
  if (path.startsWith("/pkg/")) {
    const rel = normalize(path.slice("/pkg/".length));
    if (!rel.startsWith("..") && /\.(js|json)$/.test(rel)) {
      try {
        return send(rel.endsWith(".json") ? "application/json" : "text/javascript; charset=utf-8", readFileSync(join(pkgDir, rel)));
      } catch {
        // fall through to 404
      }
    }
  }
  res.writeHead(404, headers);
  res.end("not found");
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), "adcontract-csp-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const out = { violations: [] };
try {
  for (const name of ["app", "eval", "control"]) {
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") out.violations.push(`${name}: ${m.text()}`);
    });
    page.on("pageerror", (e) => out.violations.push(`${name}: ${e.message}`));
    await page.goto(`${origin}/${name}.html`);
    try {
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
      out[name] = await page.evaluate(() => window.__result);
    } catch (e) {
      out[name] = `error: ${e.message}`;
    }
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify(out));
