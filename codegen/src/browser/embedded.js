// API B: `window.bpspat.api`. Calls are fire-and-forget; a method with a callback gets the whole
// message `{command, data, request_id}`, and event handlers get `{command, data}`, as the vendor's
// SDK delivers them.
const embedded = (() => {
  let conn = null;
  let requestId = 0;
  const handlers = new Map();

  function announce(session) {
    // The page's repeater iframe (the samples' `UniversalRepeater.jsp`) shows this desktop.
    const tell = (w) => w.postMessage({ adcontract: "session", session, server: CONTRACT.server }, "*");
    for (const f of document.querySelectorAll("iframe")) {
      if (/UniversalRepeater\.jsp/.test(f.src || "")) {
        if (f.contentWindow) tell(f.contentWindow);
        f.addEventListener("load", () => f.contentWindow && tell(f.contentWindow));
      }
    }
    window.addEventListener("message", (m) => {
      if (m.data && m.data.adcontract === "hello" && m.source) tell(m.source);
    });
  }

  function dispatch(event, args) {
    const e = CONTRACT.events[event];
    const message = { command: e ? e.wire : event, data: args[0] === undefined ? null : args[0] };
    for (const h of handlers.get(event) || []) {
      try {
        h(message);
      } catch (err) {
        console.error(`[adcontract] ${event} handler threw`, err);
      }
    }
    return undefined;
  }

  function call(method, args) {
    const m = CONTRACT.methods[method];
    let list = Array.prototype.slice.call(args);
    let callback = null;
    if (m.callbackAt !== null) {
      callback = typeof list[m.callbackAt] === "function" ? list[m.callbackAt] : null;
      list = list.slice(0, m.callbackAt);
    }
    const params = positional(list);
    if (!conn) {
      // The vendor's SDK has no proxy frame before init(url), so the call goes nowhere.
      console.error(`[adcontract] bpspat.api.${method} called before bpspat.api.init(url): dropped`);
      return;
    }
    send(method, params, callback);
  }

  function send(method, params, callback) {
    const m = CONTRACT.methods[method];
    checkArgs(method, params);
    const request_id = String(++requestId);
    conn.request({ cmd: "call", method, args: params }).then(
      (reply) => {
        if (typeof reply.error === "string") {
          console.error(`[adcontract] ${method}: ${reply.error}`);
          return;
        }
        if (callback && reply.result !== undefined) {
          callback({ command: m.wire, data: reply.result, request_id });
        }
      },
      (e) => console.error(`[adcontract] ${method}: ${e && e.message}`),
    );
  }

  const api = {
    init(url) {
      if (conn) return;
      api._origin = String(url);
      conn = new Connection("embedded", dispatch);
      conn.whenSession(announce);
    },
  };
  for (const [name, e] of Object.entries(CONTRACT.events)) {
    api[name] = (handler) => {
      if (typeof handler !== "function") return;
      if (!handlers.has(name)) handlers.set(name, []);
      handlers.get(name).push(handler);
    };
    void e;
  }
  return { api, call };
})();
