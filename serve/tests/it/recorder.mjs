// The page-side recorder in real Chromium, wrapping the fake desktop of `adcontract serve`:
// a page is driven through a call's whole life while the recorder records it in the page, and
// the server records the same session on its side. Usage: node recorder.mjs ADCONTRACT_BIN OUT_DIR
// Prints one JSON line: the recorder's recording, the server's, and the server's redacted in the
// page under the same key (so the two can be compared value by value).
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../../playwright/index.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../../../ts/package.json"));
const { chromium } = require("playwright-core");

const [bin, outDir] = process.argv.slice(2);
const recordDir = join(outDir, "recordings");
mkdirSync(recordDir, { recursive: true });
const recorderJs = execFileSync(bin, ["generate", "recorder"], { encoding: "utf8" });
const KEY = "chromium-recorder-key-0123456789";
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

async function until(what, f, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await f();
      if (v) return v;
    } catch (e) {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const desk = await startServer({ command: bin, recordDir });
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "adcontract-recorder-")), {
  executablePath: process.env.ADCONTRACT_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
});
let code = 0;
try {
  await context.route("https://crm.example.test/**", (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === "adcontract-recorder.js") return route.fulfill({ contentType: "text/javascript", body: recorderJs });
    if (name !== "recorded.html") return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ contentType: "text/html", body: readFileSync(join(here, "pages", name), "utf8") });
  });
  await desk.route(context);
  const page = await context.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(`https://crm.example.test/recorded.html?key=${KEY}&serve=${encodeURIComponent(desk.url)}`);
  const scene = await desk.nextSession();
  const agent = page.locator("#agent");
  const agentIs = (s) => until(`agent ${s}`, async () => (await agent.textContent()) === s);
  await scene.login({ agentId: "jane.agent" });
  await agentIs("ready");
  await scene.offer({ interactionId: "voice-1", type: "voice", phoneNumber: "+1 (555) 010-4477" });
  const item = page.locator('li[data-id="voice-1"]');
  await until("the offer shown", async () => (await item.textContent()).includes("+1 (555) 010-4477"));
  await item.getByRole("button", { name: "Accept" }).click();
  await agentIs("busy");
  await page.locator("#note").click();
  await scene.remoteEnd("voice-1");
  await agentIs("after_call_work");
  await item.getByRole("button", { name: "Complete" }).click();
  await agentIs("ready");
  await page.locator("#call").click();
  await agentIs("busy");
  await new Promise((r) => setTimeout(r, 300));
  const server = await scene.recording();
  const texts = await page.evaluate(() => window.adcontractRecorder.stop());
  // The server's recording, redacted as the recorder redacts: by the same table and key.
  const redactedServer = await page.evaluate((text) => {
    const r = window.adcontractRecorder;
    return text.trim().split("\n").slice(1).map((l) => JSON.parse(l)).flatMap((e) => {
      switch (e.kind) {
        case "call":
          return [{ kind: "call", method: e.method, args: e.args.map((a, i) => r.redact("widget", { method: e.method, param: i }, a)) }];
        case "result":
          return [{ kind: "result", method: e.method, result: r.redact("widget", { method: e.method, result: true }, e.result) }];
        case "event":
          return [{ kind: "event", event: e.event, args: e.args.map((a, i) => r.redact("widget", { event: e.event, param: i }, a)) }];
        case "response":
          return [{ kind: "response", event: e.event, response: r.redact("widget", { event: e.event, response: true }, e.response) }];
        default:
          return [];
      }
    });
  }, server);
  const saved = await until("the POSTed recording saved", async () => {
    const files = require("node:fs").readdirSync(recordDir).filter((f) => f.startsWith("recorded"));
    return files.length ? files.map((f) => join(recordDir, f)) : null;
  });
  await page.screenshot({ path: join(outDir, "recorded-page.png") });
  process.stdout.write(JSON.stringify({ recorded: texts, server, redactedServer, saved, key: KEY, page: await page.locator("#interactions").textContent(), console: consoleLines }) + "\n");
} catch (e) {
  process.stderr.write(`recorder: ${e && e.stack ? e.stack : e}\n`);
  code = 1;
} finally {
  await context.close();
  const exit = await desk.stop();
  process.stderr.write(`server log:\n${desk.log.join("\n")}\nserver exit: ${exit}\n`);
}
process.exit(code);
