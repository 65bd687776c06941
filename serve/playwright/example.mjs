// A front-end test of a CRM page against the fake Agent Desktop (run: node example.mjs).
import { chromium } from "playwright-core";
import { startServer } from "@adcontract/playwright";

const desk = await startServer(); // `adcontract serve` from PATH, on a free loopback port
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext();
await desk.route(context); // every tenant's vendor script URL -> the fake
await context.route("https://crm.example.test/", (route) =>
  route.fulfill({
    contentType: "text/html",
    body: `<script src="https://acme.brightpattern.com/agent/communicator/adapters/api.js"></script>
      <ul id="calls"></ul>
      <script>
        const adApi = new window.brightpattern.AdApi({ standalone: true });
        adApi.on("ON_NEW_INTERACTION", (i) => {
          const li = document.createElement("li");
          li.id = i.interactionId;
          li.textContent = i.type + " " + i.state;
          document.getElementById("calls").append(li);
        });
        adApi.on("ON_INTERACTION_REMOVED", (i) => document.getElementById(i.interactionId)?.remove());
      </script>`,
  }),
);
const page = await context.newPage();
await page.goto("https://crm.example.test/");
const scene = await desk.nextSession(); // the page's desktop: a typed scene controller
await scene.login();
await scene.offer({ interactionId: "call-1", type: "voice" });
await page.locator("#call-1").waitFor(); // the page shows the offered call
const violations = await scene.violations(); // contract breaches seen, each named by its rule
if (violations.length > 0) throw new Error(JSON.stringify(violations));
console.log((await scene.recording()).split("\n")[0]); // the session as a recording
await browser.close();
await desk.stop();
