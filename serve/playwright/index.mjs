// Playwright helper for `adcontract serve`. It starts (or attaches to) the fake Agent Desktop,
// routes the vendor's script URLs of any tenant domain to it, and gives each test a scene
// controller (the fixtures), the session's recording and the contract violations seen.
//
// ESM, no dependencies; `playwright-core` (or `@playwright/test`) is the caller's.
import { spawn } from "node:child_process";

/** The vendor paths the fake serves, on any host. */
export const VENDOR_PATHS = [
  "/agent/communicator/adapters/api.js",
  "/agent/crmembedded/adapters/api.js",
  "/agentdesktop/libs/servicepattern-sdk-v1.js",
  "/agentdesktop/app/lib/servicepattern-sdk-v1.js",
  "/agentdesktop/UniversalRepeater.jsp",
];

/**
 * Starts `adcontract serve` on a free loopback port and resolves once it listens.
 * @param {{command?: string, args?: string[], apiVersion?: string, recordDir?: string, play?: string, env?: object}} [options]
 */
export async function startServer(options = {}) {
  const command = options.command || "adcontract";
  const args = [...(options.args || []), "serve", "--listen", "127.0.0.1:0"];
  if (options.apiVersion) args.push("--api-version", options.apiVersion);
  if (options.recordDir) args.push("--record-dir", options.recordDir);
  if (options.play) args.push("--play", options.play);
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...(options.env || {}) } });
  const log = [];
  const url = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`adcontract serve did not start in 30 s:\n${buf}`)), 30000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        log.push(line);
        const m = /^listening on (http:\/\/\S+)$/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`adcontract serve exited with ${code}:\n${log.join("\n")}${buf}`));
    });
  });
  const desk = attach(url);
  desk.log = log;
  desk.stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once("exit", (code) => resolve(code));
      child.kill("SIGTERM");
    });
  return desk;
}

/** A fake desktop that is already running at `url` (`http://127.0.0.1:8137`). */
export function attach(url) {
  const base = url.replace(/\/$/, "");
  const known = new Set();

  async function json(path, init) {
    const r = await fetch(base + path, init);
    const body = await r.json();
    if (!r.ok) throw new Error(`${init && init.method ? init.method : "GET"} ${path}: ${r.status} ${body.error || ""}`);
    return body;
  }

  const desk = {
    url: base,

    /**
     * Routes the vendor script URLs (and the repeater page) of every domain to the fake. On a
     * browser context, it also grants the pages access to the loopback server (Chromium's
     * local-network-access permission), which a page on a public domain otherwise lacks.
     */
    async route(pageOrContext) {
      if (typeof pageOrContext.grantPermissions === "function") {
        try {
          await pageOrContext.grantPermissions(["local-network-access"]);
        } catch (e) {
          // Older browsers have no such permission (and no such check).
        }
      }
      await pageOrContext.route(
        (u) => VENDOR_PATHS.includes(u.pathname),
        async (route) => {
          const u = new URL(route.request().url());
          const response = await route.fetch({ url: base + u.pathname });
          await route.fulfill({ response });
        },
      );
    },

    /** The live sessions: `{id, api, apiVersion, connectedAt}`. */
    sessions: () => json("/control/sessions"),

    /** Waits for a session this helper has not handed out yet (the page's desktop). */
    async nextSession(timeoutMs = 10000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const list = await desk.sessions();
        const fresh = list.find((s) => !known.has(s.id));
        if (fresh) {
          known.add(fresh.id);
          return desk.session(fresh.id);
        }
        if (Date.now() > until) throw new Error("no new adcontract session: did the page load the vendor script and create the API?");
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    /** The scene controller of session `id`. */
    session(id) {
      const fixture = (name, args = {}) =>
        json(`/control/sessions/${encodeURIComponent(id)}/fixture`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ fixture: name, args }),
        }).then((r) => r.events);
      return {
        id,
        fixture,
        login: (args = {}) => fixture("login", args),
        offer: (args) => fixture("offer", args),
        accept: (interactionId) => fixture("accept", { interactionId }),
        remoteEnd: (interactionId) => fixture("remoteEnd", { interactionId }),
        emit: (event, args = []) => fixture("emit", { event, args }),
        /** The session so far as a recording (JSONL text) that `adcontract replay` plays. */
        recording: async () => {
          const r = await fetch(`${base}/control/sessions/${encodeURIComponent(id)}/recording`);
          if (!r.ok) throw new Error(`recording of ${id}: ${r.status}`);
          return r.text();
        },
        /** Contract violations seen so far: `{rule, message, seq}`. */
        violations: () => json(`/control/sessions/${encodeURIComponent(id)}/violations`),
      };
    },
  };
  return desk;
}
