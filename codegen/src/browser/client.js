// The connection to `adcontract serve`: harness-protocol messages over one WebSocket. The page
// plays the runner (it sends `call` and `answer`), the server plays the desktop; events reach
// the page as the protocol's `event` requests, which the page answers with `response`.

const RESPONSE_TIMEOUT_MS = 15000;

// An `OperationResult` failure as the vendor's SDK resolves it (codes: ResultErrorCodes).
function failure(code, name, message) {
  return { status: "error", error: { code, name, message } };
}

function report(rule, message) {
  console.error(`[adcontract] ${rule}: ${message}`);
}

// Dev mode: the generated validators check what the page sends. Returns the first error, if any.
function firstError(row, value) {
  let problems;
  try {
    problems = $validator.validate(row, value);
  } catch (e) {
    return String(e && e.message);
  }
  const p = problems.find((x) => x.severity === "error");
  return p ? `${p.path || "/"}: ${p.message}` : null;
}

function checkArgs(method, args) {
  const m = CONTRACT.methods[method];
  if (!m) return;
  m.params.forEach(([name, optional, row], i) => {
    const v = args[i];
    if (v === undefined || v === null) {
      if (!optional) report("AD-PAYLOAD-VALID", `${method}: argument ${i + 1} (${name}) is required`);
      return;
    }
    const e = firstError(row, v);
    if (e) report("AD-PAYLOAD-VALID", `${method}: argument ${i + 1} (${name}) ${e}`);
  });
  if (args.length > m.params.length) {
    report("AD-PAYLOAD-VALID", `${method}: takes ${m.params.length} argument(s), got ${args.length}`);
  }
}

function checkAnswer(event, response) {
  const e = CONTRACT.events[event];
  if (!e || !e.needResponse) return;
  if (response === undefined || response === null) {
    if (!e.optional) report("AD-RESPONSE-PRESENCE", `${event} expects a response; the page's handler gave none`);
    return;
  }
  const err = firstError(e.row, response);
  if (err) report("AD-PAYLOAD-VALID", `answer to ${event}: ${err}`);
}

// Positional arguments as JSON sees them: trailing `undefined`s dropped, inner ones `null`.
function positional(args) {
  const out = Array.prototype.slice.call(args);
  while (out.length && out[out.length - 1] === undefined) out.pop();
  return out.map((a) => (a === undefined ? null : a));
}

class Connection {
  constructor(api, onEvent) {
    this.api = api;
    this.onEvent = onEvent;
    this.nextId = 1;
    this.pending = new Map();
    this.queue = [];
    this.closed = false;
    this.session = null;
    this.sessionWaiters = [];
    this.ws = new WebSocket(CONTRACT.server + "/adcontract/ws");
    this.ws.onopen = () => {
      for (const f of this.queue) this.ws.send(f);
      this.queue = [];
    };
    this.ws.onmessage = (m) => this.receive(m.data);
    this.ws.onclose = () => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new Error("the fake Agent Desktop closed the connection"));
      this.pending.clear();
    };
    const refused = (what) => (r) => {
      if (r && typeof r.error === "string") console.error(`[adcontract] the fake Agent Desktop refused ${what}: ${r.error}`);
    };
    const lost = (e) => console.error(`[adcontract] no connection to adcontract serve at ${CONTRACT.server}: ${e && e.message}`);
    this.request({ cmd: "start", protocol: 1, role: "provider" }).then(refused("the handshake"), lost);
    this.request({ cmd: "reset", api, apiVersion: CONTRACT.version }).then(refused("the session"), () => {});
  }

  send(frame) {
    const text = JSON.stringify(frame);
    if (this.ws.readyState === 1) this.ws.send(text);
    else if (this.ws.readyState === 0) this.queue.push(text);
  }

  // Sends a request; resolves with the reply (rejects on close or timeout).
  request(command) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(new Error("the fake Agent Desktop closed the connection"));
        return;
      }
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error("timeout"));
      }, RESPONSE_TIMEOUT_MS);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send(Object.assign({ id }, command));
    });
  }

  whenSession(f) {
    if (this.session) f(this.session);
    else this.sessionWaiters.push(f);
  }

  receive(text) {
    let f;
    try {
      f = JSON.parse(text);
    } catch (e) {
      console.error("[adcontract] unreadable frame from the server", text);
      return;
    }
    if (f === null || typeof f !== "object") return;
    if (typeof f.cmd === "string") {
      if (f.cmd !== "event") return;
      const id = f.id;
      Promise.resolve()
        .then(() => this.onEvent(f.event, Array.isArray(f.args) ? f.args : []))
        .then(
          (response) => this.send(response === undefined ? { id } : { id, response }),
          (e) => {
            console.error(`[adcontract] the page's ${f.event} handler threw`, e);
            this.send({ id });
          },
        );
      return;
    }
    if (typeof f.session === "string") {
      this.session = f.session;
      for (const w of this.sessionWaiters) w(f.session);
      this.sessionWaiters = [];
      return;
    }
    if (f.violation) {
      report(f.violation.rule, f.violation.message);
      return;
    }
    const p = this.pending.get(f.id);
    if (p) {
      this.pending.delete(f.id);
      p.resolve(f);
    }
  }
}

// The panel: the fake desktop's own UI, a page of the server in an iframe.
function panelUrl(session) {
  return CONTRACT.server.replace(/^ws/, "http") + "/adcontract/panel?session=" + encodeURIComponent(session);
}
