// API A: `new window.brightpattern.AdApi(options)`. Every method resolves (never rejects) to an
// `OperationResult`, as the vendor's SDK does; each instance is one desktop (one session).
let instances = 0;

class AdApiBase {
  constructor(options) {
    // The 2021 constructor took the integration key as a string.
    const o = typeof options === "string" ? { integrationKey: options } : options || {};
    this._instanceId = `adcontract-${++instances}`;
    this._handlers = new Map();
    this._loggers = [];
    this._uid = 0;
    this._conn = new Connection("widget", (event, args) => this._dispatch(event, args));
    if (!o.standalone) this._conn.whenSession((s) => this._mount(o, s));
  }

  _mount(o, session) {
    let frame = o.adcFrame;
    if (!frame) {
      frame = document.createElement("iframe");
      frame.title = "Agent Desktop (adcontract serve)";
      frame.style.cssText = `border:0;height:420px;width:${o.adaptiveWidth ? "100%" : "500px"}`;
      (o.mountRoot || document.body).appendChild(frame);
    }
    frame.src = panelUrl(session);
  }

  _log(message, packet) {
    for (const l of this._loggers) {
      try {
        l(message, packet);
      } catch (e) {
        console.error("[adcontract] message logger threw", e);
      }
    }
  }

  _packet(type, uid, params) {
    return { instanceId: this._instanceId, type, uid, params };
  }

  async _call(method, args) {
    const m = CONTRACT.methods[method];
    const params = positional(args);
    checkArgs(method, params);
    const uid = `${this._instanceId}-${++this._uid}`;
    this._log("outgoing", this._packet(m.wire, uid, params));
    let result;
    try {
      const reply = await this._conn.request({ cmd: "call", method, args: params });
      if (typeof reply.error === "string") {
        console.error(`[adcontract] ${method}: ${reply.error}`);
        result = failure(99, "unknown_error", reply.error);
      }
      else result = reply.result;
    } catch (e) {
      result = String(e && e.message) === "timeout"
        ? failure(8, "timeout", "the fake Agent Desktop did not answer in time")
        : failure(6, "api_not_answer", String(e && e.message));
    }
    this._log("incoming", this._packet(m.wire + CONTRACT.responseSuffix, uid, [result]));
    return result;
  }

  async _dispatch(event, args) {
    const e = CONTRACT.events[event];
    const uid = `${this._instanceId}-e${++this._uid}`;
    this._log("incoming", this._packet(event, uid, args));
    const handlers = Array.from(this._handlers.get(event) || []);
    let answer;
    for (const h of handlers) {
      try {
        // Only the last handler's answer counts (vendor docs, onRequestTransferData).
        answer = await h.apply(undefined, args);
      } catch (err) {
        console.error(`[adcontract] ${event} handler threw`, err);
      }
    }
    if (!e || !e.needResponse) return undefined;
    checkAnswer(event, answer);
    this._log("outgoing", this._packet(event + CONTRACT.responseSuffix, uid, [answer === undefined ? null : answer]));
    return answer;
  }

  on(event, handler) {
    if (typeof handler !== "function") return;
    if (!CONTRACT.events[event]) {
      console.warn(`[adcontract] on(${JSON.stringify(event)}): API A ${CONTRACT.version} has no such event; the handler will never run`);
    }
    if (!this._handlers.has(event)) this._handlers.set(event, new Set());
    this._handlers.get(event).add(handler);
  }

  remove(event, handler) {
    const s = this._handlers.get(event);
    if (s) s.delete(handler);
  }

  injectMessageLogger(logger) {
    if (typeof logger === "function") this._loggers.push(logger);
  }
}
