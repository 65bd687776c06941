// Drives real Chromium (Debian's /usr/bin/chromium, playwright-core from ts/node_modules)
// through integrator pages against `adcontract serve`, using the Playwright helper as a user
// would. Usage: node chromium.mjs ADCONTRACT_BIN SCENARIO OUT_DIR
// Prints one JSON line with what it saw; exits 1 with a message when a page does not show what
// it should.
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { attach, startServer } from "../../playwright/index.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../../../ts/package.json"));
const { chromium } = require("playwright-core");

const [bin, scenario, outDir] = process.argv.slice(2);
mkdirSync(join(outDir, "recordings"), { recursive: true });
mkdirSync(join(outDir, "screenshots"), { recursive: true });

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function fail(message) {
  throw new Error(message);
}

async function until(what, f, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await f();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) fail(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function open(context, desk, file) {
  const page = await context.newPage();
  const consoleLines = [];
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.goto(`https://crm.example.test/${file}`);
  let scene;
  try {
    scene = await desk.nextSession();
  } catch (e) {
    fail(`${e.message}\npage console:\n${consoleLines.join("\n")}`);
  }
  return { page, scene, consoleLines };
}

const text = (loc) => loc.textContent();

async function seed000(context, desk) {
  const { page, scene, consoleLines } = await open(context, desk, "seed000.html");
  const panel = page.frameLocator("#widget iframe");
  const agent = page.locator("#agent");
  const seen = [];
  const agentIs = async (s) => {
    await until(`agent ${s}`, async () => (await text(agent)) === s);
    seen.push(s);
  };
  await panel.locator("#login").click();
  await agentIs("ready");
  await panel.locator("#offer-voice").click();
  const item = page.locator('li[data-id="voice-1"]');
  await until("the offered call in the list", async () => (await text(item)).includes("(delivery_pending)"));
  await page.screenshot({ path: join(outDir, "screenshots", "api-a-offered.png") });
  await item.getByRole("button", { name: "Accept" }).click();
  await until("the call connected", async () => (await text(item)).includes("(delivered)"));
  await agentIs("busy");
  await page.locator("#widget iframe").screenshot({ path: join(outDir, "screenshots", "api-a-panel.png") });
  await item.getByRole("button", { name: "Hang up" }).click();
  await until("wrap-up", async () => (await text(item)).includes("(wrap_up)"));
  await agentIs("after_call_work");
  await item.getByRole("button", { name: "Complete" }).click();
  await until("the call removed from the list", async () => (await page.locator("#interactions li").count()) === 0);
  await agentIs("ready");
  const empty = await page.locator("#empty").isVisible();
  const log = await page.locator("#log li").allTextContents();
  const recording = await scene.recording();
  const file = join(outDir, "recordings", "seed000.jsonl");
  writeFileSync(file, recording);
  const messages = join(outDir, "messages.jsonl");
  writeFileSync(messages, (await page.evaluate(() => window.messageLog)).join("\n") + "\n");
  return { session: scene.id, messages, agentStates: seen, empty, log, violations: await scene.violations(), recording: file, console: consoleLines };
}

async function seed003(context, desk) {
  const { page, scene, consoleLines } = await open(context, desk, "seed003.html");
  const repeater = page.frameLocator("#repeater");
  await until("the repeater attached to the desktop", async () => (await text(repeater.locator("#session"))) === scene.id);
  await repeater.locator("#login").click();
  await repeater.locator("#offer-voice").click();
  await repeater.locator('li[data-id="voice-1"]').getByRole("button", { name: "Accept" }).click();
  await until("the repeater showing the call", async () => (await text(repeater.locator('li[data-id="voice-1"]'))).includes("delivered"));
  await page.locator("#repeater").screenshot({ path: join(outDir, "screenshots", "api-b-repeater.png") });
  const logs = page.locator("#log div");
  const state = async () => {
    const before = await logs.count();
    await page.getByRole("button", { name: "Get State" }).click();
    await until("getState's answer in the log", async () => {
      const all = await logs.allTextContents();
      return all.slice(before).some((l) => l.includes('"GET_STATE"'));
    });
    const all = await logs.allTextContents();
    return JSON.parse(all.slice(before).find((l) => l.includes('"GET_STATE"')));
  };
  const s1 = await state();
  const itemId = s1.data.interactions[0].item_id;
  await page.locator("#item").fill(itemId);
  await page.getByRole("button", { name: "Terminate" }).click();
  const s2 = await until("after-call work", async () => {
    const s = await state();
    return s.data.status === "after_call_work" ? s : null;
  });
  await page.getByRole("button", { name: "Complete" }).click();
  const s3 = await until("ready", async () => {
    const s = await state();
    return s.data.status === "ready" ? s : null;
  });
  await page.screenshot({ path: join(outDir, "screenshots", "api-b-page.png") });
  const log = await logs.allTextContents();
  const recording = await scene.recording();
  const file = join(outDir, "recordings", "seed003.jsonl");
  writeFileSync(file, recording);
  return {
    session: scene.id,
    states: [s1.data.status, s2.data.status, s3.data.status],
    itemId,
    interactionsAfter: s3.data.interactions,
    log,
    violations: await scene.violations(),
    recording: file,
    console: consoleLines,
  };
}

async function broken(context, desk) {
  const a = await open(context, desk, "broken-answer.html");
  await a.scene.login();
  const offered = await a.scene.offer({ interactionId: "voice-9", type: "voice" });
  const data = offered.find((e) => e.event === "ON_NEW_INTERACTION").args[0];
  await a.scene.emit("ON_REQUEST_TRANSFER_DATA", [data]);
  const answerViolations = await until("the unanswered event reported", async () => {
    const v = await a.scene.violations();
    return v.length ? v : null;
  });
  await until("the console report", async () => a.consoleLines.some((l) => l.includes("AD-RESPONSE-PRESENCE")));
  const b = await open(context, desk, "broken-type.html");
  await b.page.locator("#go").click();
  const out = await until("the result on the page", async () => (await text(b.page.locator("#out"))) || null);
  const typeViolations = await until("the wrong type reported", async () => {
    const v = await b.scene.violations();
    return v.length ? v : null;
  });
  return {
    answer: { violations: answerViolations, console: a.consoleLines },
    type: { result: JSON.parse(out), violations: typeViolations, console: b.consoleLines },
  };
}

// Calls per second and round-trip latency from the page (printed by the Rust side).
async function bench(context, desk) {
  const { page, scene } = await open(context, desk, "broken-type.html");
  await scene.login();
  const n = 2000;
  const times = await page.evaluate(async (n) => {
    const out = [];
    for (let i = 0; i < 100; i++) await adApi.getAgentState();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      await adApi.getAgentState();
      out.push(performance.now() - s);
    }
    return { total: performance.now() - t0, each: out };
  }, n);
  const sorted = times.each.sort((x, y) => x - y);
  return { calls: n, perSecond: n / (times.total / 1000), p50: sorted[Math.floor(n * 0.5)], p99: sorted[Math.floor(n * 0.99)] };
}

const scenarios = { seed000, seed003, broken, bench };
// ADCONTRACT_SERVE_URL: attach to a running server (the benchmark's) instead of starting one.
const running = process.env.ADCONTRACT_SERVE_URL;
const desk = running ? attach(running) : await startServer({ command: bin, recordDir: join(outDir, "recordings") });
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "adcontract-chromium-")), {
  executablePath: process.env.ADCONTRACT_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: FLAGS,
});
let code = 0;
try {
  await context.route("https://crm.example.test/**", (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (!/^[\w-]+\.html$/.test(name)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ contentType: "text/html", body: readFileSync(join(here, "pages", name), "utf8") });
  });
  await desk.route(context);
  const result = await scenarios[scenario](context, desk);
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (e) {
  process.stderr.write(`${scenario}: ${e && e.stack ? e.stack : e}\n`);
  code = 1;
} finally {
  await context.close();
  if (!running) {
    const exit = await desk.stop();
    process.stderr.write(`server log:\n${desk.log.join("\n")}\nserver exit: ${exit}\n`);
    if (exit !== 0) {
      process.stderr.write("adcontract serve did not end cleanly on SIGTERM\n");
      code = 1;
    }
  }
}
process.exit(code);
