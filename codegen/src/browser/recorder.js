// The recorder's behaviour; `VIEW` (the redaction table) and `GENERATOR` come before it.
// Spec: docs/conformance/recording.md, "Recording a real session".

const POLICY = "adcontract-pseudonym-1";
const FORMAT = "adcontract-recording";

// --- SHA-256 and HMAC -------------------------------------------------------------------------
// Written out because redaction must be synchronous (a value is replaced the moment it is
// captured, inside the SDK's own call path) and must work on plain-http tenant pages, where
// `crypto.subtle` (asynchronous, secure contexts only) is not there. Tested against node's
// `crypto.createHmac`.
const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function utf8(s) {
  return new TextEncoder().encode(s);
}

function sha256(bytes) {
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const len = bytes.length;
  const padded = new Uint8Array(((len + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[len] = 0x80;
  const bits = len * 8;
  const dv = new DataView(padded.buffer);
  dv.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  dv.setUint32(padded.length - 4, bits >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K256[i] + w[i]) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]);
  return out;
}

function hmac(keyBytes, msgBytes) {
  let key = keyBytes.length > 64 ? sha256(keyBytes) : keyBytes;
  const k = new Uint8Array(64);
  k.set(key);
  const inner = new Uint8Array(64 + msgBytes.length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = k[i] ^ 0x36;
    outer[i] = k[i] ^ 0x5c;
  }
  inner.set(msgBytes, 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// --- Pseudonyms -------------------------------------------------------------------------------
// Every letter and digit is replaced by one of its class (digit, lower, upper; any other letter
// becomes a lower-case ASCII one), drawn from HMAC(key, kind + value): equal values give equal
// pseudonyms, the shape (length, separators, `@`, `+`, spaces) is kept, and nothing of the
// original characters survives. A URL keeps its scheme; an e-mail address its top-level domain.
const LETTER = /\p{L}/u;

// The keystream depends on the value only, not on its kind: the same string marked `name` in one
// place (a login's username) and `name` or `phone` in another (the agent id, a chat address)
// gets the same letters and digits, so values the desktop copies from one field to another
// still match on replay.
function keystream(keyBytes, value) {
  let block = 0;
  let buf = new Uint8Array(0);
  let pos = 0;
  return () => {
    if (pos >= buf.length) {
      buf = hmac(keyBytes, utf8(`${block++}\u0000${value}`));
      pos = 0;
    }
    return buf[pos++];
  };
}

function pseudonym(keyBytes, kind, value) {
  let keep = 0;
  if (kind === "url") {
    const m = /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/)?/.exec(value);
    if (m) keep = m[0].length;
  }
  let keepTail = 0;
  if (kind === "email") {
    const m = /\.[A-Za-z]{2,}$/.exec(value);
    if (m && value.includes("@")) keepTail = m[0].length;
  }
  const next = keystream(keyBytes, value);
  const chars = Array.from(value);
  const tailFrom = chars.length - keepTail;
  let out = "";
  let index = 0;
  for (const ch of chars) {
    const at = out.length;
    if (at < keep || index >= tailFrom) out += ch;
    else if (ch >= "0" && ch <= "9") out += String.fromCharCode(48 + (next() % 10));
    else if (ch >= "A" && ch <= "Z") out += String.fromCharCode(65 + (next() % 26));
    else if (ch >= "a" && ch <= "z" || LETTER.test(ch)) out += String.fromCharCode(97 + (next() % 26));
    else out += ch;
    index++;
  }
  return out;
}

// --- Redaction by the table -------------------------------------------------------------------
// First every personal string is found (a union's branches may mark one place twice: the first
// mark counts), then each is replaced once, in a copy: the page's own values are never changed.
function marks(value, node, path, found, depth) {
  if (node === null || node === undefined || value === null || value === undefined || depth > 64) return;
  if (typeof node === "string") {
    const key = JSON.stringify(path);
    if (typeof value === "string" && !found.has(key)) found.set(key, { path: path.slice(), kind: node });
    return;
  }
  if (node.r !== undefined) return marks(value, VIEW.types[node.r], path, found, depth + 1);
  if (node.u) {
    for (const n of node.u) marks(value, n, path, found, depth + 1);
    return;
  }
  if (typeof value !== "object") return;
  if (node.f && !Array.isArray(value)) {
    for (const k of Object.keys(node.f)) {
      if (Object.prototype.hasOwnProperty.call(value, k)) {
        path.push(k);
        marks(value[k], node.f[k], path, found, depth + 1);
        path.pop();
      }
    }
  } else if (node.i && Array.isArray(value)) {
    value.forEach((v, i) => {
      path.push(i);
      marks(v, node.i, path, found, depth + 1);
      path.pop();
    });
  } else if (node.m && !Array.isArray(value)) {
    for (const k of Object.keys(value)) {
      path.push(k);
      marks(value[k], node.m, path, found, depth + 1);
      path.pop();
    }
  }
}

// A JSON copy: what the recording holds is JSON, so `undefined` and functions go as JSON does.
function jsonCopy(v) {
  if (v === undefined) return null;
  try {
    const s = JSON.stringify(v);
    return s === undefined ? null : JSON.parse(s);
  } catch (e) {
    return null;
  }
}

function redactWith(keyBytes, kinds, value, node) {
  const copy = jsonCopy(value);
  if (node === null || node === undefined) return copy;
  const found = new Map();
  marks(copy, node, [], found, 0);
  let out = copy;
  for (const { path, kind } of found.values()) {
    kinds.add(kind);
    if (path.length === 0) {
      out = pseudonym(keyBytes, kind, out);
      continue;
    }
    let holder = out;
    for (const p of path.slice(0, -1)) holder = holder[p];
    const last = path[path.length - 1];
    holder[last] = pseudonym(keyBytes, kind, holder[last]);
  }
  return out;
}

// Positional arguments as the recording writes them: trailing absent ones left out, an absent
// one before a present one `null` (as the harness and `record import` do).
function positional(list) {
  const args = Array.prototype.slice.call(list);
  while (args.length && args[args.length - 1] === undefined) args.pop();
  return args;
}

// --- Recordings -------------------------------------------------------------------------------
function now() {
  return typeof performance !== "undefined" && performance.now ? performance.now() : Date.now();
}

class Recording {
  constructor(recorder, api) {
    this.recorder = recorder;
    this.api = api;
    this.table = VIEW.apis[api] || { methods: {}, events: {} };
    this.entries = [];
    this.seq = 0;
    this.t0 = now();
    this.lastT = 0;
    this.kinds = new Set();
  }

  push(body) {
    const t = Math.max(this.lastT, Math.floor(now() - this.t0));
    this.lastT = t;
    const entry = Object.assign({ seq: ++this.seq, t }, body);
    this.entries.push(entry);
    return entry.seq;
  }

  redact(value, node) {
    return redactWith(this.recorder.keyBytes, this.kinds, value, node);
  }

  args(list, nodes) {
    return positional(list).map((a, i) => this.redact(a, nodes ? nodes[i] : null));
  }

  call(method, list) {
    const m = this.table.methods[method];
    return this.push({ kind: "call", method, args: this.args(list, m && m.params) });
  }

  result(re, method, result) {
    const m = this.table.methods[method];
    this.push({ kind: "result", re, method, result: this.redact(result, m && m.result) });
  }

  event(event, list) {
    const e = this.table.events[event];
    return this.push({ kind: "event", event, args: this.args(list, e && e.params) });
  }

  response(re, event, answer) {
    const e = this.table.events[event];
    this.push({ kind: "response", re, event, response: this.redact(answer, e && e.response) });
  }

  header() {
    const c = this.recorder.config;
    const kinds = Array.from(this.kinds).sort();
    return {
      format: FORMAT,
      version: 1,
      api: this.api,
      apiVersion: c.apiVersion || VIEW.apiVersion,
      title: c.title || `recorded in a page (${this.api})`,
      origin: { kind: "recorded", from: GENERATOR },
      redaction: { policy: POLICY, kinds, keyId: this.recorder.keyId },
    };
  }

  jsonl() {
    return [this.header()].concat(this.entries).map((x) => JSON.stringify(x)).join("\n") + "\n";
  }
}

// --- Wrapping the vendor's APIs ---------------------------------------------------------------
function wrapAdApi(recorder, Real) {
  if (typeof Real !== "function" || Real.__adcontractRecorded) return Real;
  const table = () => VIEW.apis.widget || { methods: {}, events: {} };
  function AdApi(options) {
    const inner = Reflect.construct(Real, arguments, Real);
    const rec = recorder.open("widget");
    const wrapper = Object.create(inner);
    // One dispatcher per event at the vendor; the page's handlers behind it. Events that want
    // no answer are listened to from the start, so every one is recorded; an event that wants
    // an answer only once the page listens (listening would change what the desktop does).
    const handlers = new Map();
    const dispatchers = new Map();
    const listen = (event) => {
      if (dispatchers.has(event) || !rec) return;
      const e = table().events[event];
      const dispatcher = function () {
        const args = arguments;
        const seq = rec.event(event, args);
        let answer;
        for (const h of Array.from(handlers.get(event) || [])) answer = h.apply(this, args);
        if (!e || !e.needResponse) return answer;
        return Promise.resolve(answer).then((value) => {
          rec.response(seq, event, value === undefined ? null : value);
          return value;
        });
      };
      dispatchers.set(event, dispatcher);
      inner.on(event, dispatcher);
    };
    for (const [name, e] of Object.entries(table().events)) if (!e.needResponse) listen(name);
    wrapper.on = function (event, handler) {
      if (!rec) return inner.on(event, handler);
      if (typeof handler !== "function") return inner.on(event, handler);
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event).add(handler);
      listen(event);
    };
    wrapper.remove = function (event, handler) {
      if (!rec) return inner.remove(event, handler);
      const set = handlers.get(event);
      if (set) set.delete(handler);
      const e = table().events[event];
      // An answering event with no page handler left is let go, so the desktop sees no one answer.
      if (set && set.size === 0 && e && e.needResponse && dispatchers.has(event)) {
        inner.remove(event, dispatchers.get(event));
        dispatchers.delete(event);
      }
    };
    for (const method of Object.keys(table().methods)) {
      if (typeof inner[method] !== "function") continue;
      wrapper[method] = function () {
        // The call is written before the vendor runs it: events it causes come after it.
        const seq = rec ? rec.call(method, arguments) : 0;
        const out = inner[method].apply(inner, arguments);
        if (!rec) return out;
        return Promise.resolve(out).then((result) => {
          rec.result(seq, method, result);
          return result;
        });
      };
    }
    return wrapper;
  }
  AdApi.prototype = Real.prototype;
  AdApi.__adcontractRecorded = true;
  for (const k of Object.keys(Real)) AdApi[k] = Real[k];
  return AdApi;
}

function wrapEmbedded(recorder, real) {
  if (!real || typeof real !== "object" || real.__adcontractRecorded) return real;
  const table = VIEW.apis.embedded || { methods: {}, events: {} };
  const api = Object.create(real);
  let rec = null;
  const session = () => rec || (rec = recorder.open("embedded"));
  Object.defineProperty(api, "__adcontractRecorded", { value: true });
  for (const [method, m] of Object.entries(table.methods)) {
    if (typeof real[method] !== "function") continue;
    api[method] = function () {
      const r = m.sends ? session() : null;
      if (!r) return real[method].apply(real, arguments);
      let list = Array.prototype.slice.call(arguments);
      let callback = null;
      const at = m.params.length;
      if (m.callback && typeof list[at] === "function") {
        callback = list[at];
        list = list.slice(0, at);
      }
      const seq = r.call(method, list);
      if (!callback) return real[method].apply(real, list);
      return real[method].apply(
        real,
        list.concat([
          function (message) {
            r.result(seq, method, message && typeof message === "object" ? message.data : message);
            return callback.apply(this, arguments);
          },
        ]),
      );
    };
  }
  // API B's events want no answer, so every one is listened to from the start and recorded
  // whether the page listens or not; the page's handlers are called behind the recorder's.
  for (const event of Object.keys(table.events)) {
    if (typeof real[event] !== "function") continue;
    const page = [];
    real[event].call(real, function (message) {
      const r = session();
      if (r) r.event(event, [message && typeof message === "object" ? message.data : message]);
      for (const h of page.slice()) h.apply(this, arguments);
    });
    api[event] = function (handler) {
      if (typeof handler === "function") page.push(handler);
    };
  }
  return api;
}

// Replaces `holder[name]` with its wrapped self now, or the moment the vendor assigns it.
function trap(holder, name, wrap) {
  const current = holder[name];
  let wrapped = current === undefined ? undefined : wrap(current);
  try {
    Object.defineProperty(holder, name, {
      configurable: true,
      enumerable: true,
      get: () => wrapped,
      set: (v) => {
        wrapped = wrap(v);
      },
    });
  } catch (e) {
    if (current !== undefined) holder[name] = wrapped;
  }
}

function install(recorder, root) {
  const hook = (globalName, member, wrap) => {
    const attach = (obj) => {
      if (obj && typeof obj === "object") trap(obj, member, (v) => wrap(recorder, v));
      return obj;
    };
    if (root[globalName] !== undefined) {
      attach(root[globalName]);
      return;
    }
    let value;
    try {
      Object.defineProperty(root, globalName, {
        configurable: true,
        enumerable: true,
        get: () => value,
        set: (v) => {
          value = attach(v);
        },
      });
    } catch (e) {
      // A frozen global: nothing can be wrapped, and nothing is recorded.
    }
  };
  hook("brightpattern", "AdApi", wrapAdApi);
  hook("bpspat", "api", wrapEmbedded);
}

// --- Sinks ------------------------------------------------------------------------------------
function deliver(config, recordings) {
  const texts = recordings.map((r) => r.jsonl());
  const sent = [];
  for (const [i, text] of texts.entries()) {
    const rec = recordings[i];
    if (typeof config.onRecording === "function") config.onRecording(text, rec.header());
    if (config.serve) {
      const url = String(config.serve).replace(/\/+$/, "") + "/control/recordings";
      if (typeof fetch === "function") {
        // A "simple" cross-origin request (text/plain, no-cors): the tenant's page and the local
        // server are different origins, and the server needs no CORS set-up to receive it. The
        // answer is opaque; the server logs what it saved.
        sent.push(fetch(url, { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: text, keepalive: true }));
      }
    }
    if (config.download && typeof document !== "undefined") {
      const name = typeof config.download === "string" ? config.download : `adcontract-${rec.api}.jsonl`;
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type: "application/jsonl" }));
      a.download = texts.length > 1 ? name.replace(/(\.jsonl)?$/, `-${i + 1}.jsonl`) : name;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }
  }
  return Promise.all(sent).then(() => texts);
}

// --- The recorder -----------------------------------------------------------------------------
class Recorder {
  constructor(root) {
    this.root = root;
    this.config = null;
    this.keyBytes = null;
    this.keyId = null;
    this.recordings = [];
    install(this, root);
  }

  /// Starts capturing. `config.key` (required) keys the pseudonyms; `serve`, `onRecording` and
  /// `download` are the sinks `stop()` delivers to.
  start(config) {
    const c = config || {};
    if (typeof c.key !== "string" || c.key.length < 16) {
      throw new Error("adcontract recorder: start({key}) needs a redaction key of at least 16 characters; it keys the pseudonyms and must come from the page's configuration");
    }
    this.config = c;
    this.keyBytes = utf8(c.key);
    this.keyId = hex(hmac(this.keyBytes, utf8("adcontract-key-id"))).slice(0, 16);
    return this;
  }

  /// A new recording for one desktop session of `api`, or null when not started.
  open(api) {
    if (!this.config) return null;
    const r = new Recording(this, api);
    this.recordings.push(r);
    return r;
  }

  /// The recordings so far, as JSONL texts (nothing is delivered).
  take() {
    return this.recordings.map((r) => r.jsonl());
  }

  /// Delivers every recording to the configured sinks and forgets them; resolves to the texts.
  stop() {
    const done = this.recordings.filter((r) => r.entries.length > 0);
    this.recordings = [];
    return deliver(this.config || {}, done);
  }

  /// The pseudonym `value` gets as `kind` under the started key (for tests and for comparing a
  /// recording with an unredacted one).
  pseudonym(kind, value) {
    if (!this.keyBytes) throw new Error("adcontract recorder: not started");
    return pseudonym(this.keyBytes, kind, value);
  }

  /// `value` as the recording of `api` would hold it at `where`:
  /// `{method, param}` / `{method, result: true}` / `{event, param}` / `{event, response: true}`.
  redact(api, where, value) {
    if (!this.keyBytes) throw new Error("adcontract recorder: not started");
    const t = VIEW.apis[api] || { methods: {}, events: {} };
    const item = where.method !== undefined ? t.methods[where.method] : t.events[where.event];
    let node = null;
    if (item && where.param !== undefined) node = item.params[where.param];
    else if (item && where.result) node = item.result;
    else if (item && where.response) node = item.response;
    return redactWith(this.keyBytes, new Set(), value, node);
  }
}

const root = typeof window !== "undefined" ? window : globalThis;
if (!root.adcontractRecorder) {
  const recorder = new Recorder(root);
  root.adcontractRecorder = recorder;
  recorder.sha256 = (s) => hex(sha256(utf8(s)));
  recorder.hmac = (k, s) => hex(hmac(utf8(k), utf8(s)));
  recorder.view = VIEW;
  if (root.adcontractRecorderConfig) recorder.start(root.adcontractRecorderConfig);
  if (typeof root.addEventListener === "function") {
    root.addEventListener("pagehide", () => {
      if (recorder.config && recorder.config.serve && typeof navigator !== "undefined" && navigator.sendBeacon) {
        const url = String(recorder.config.serve).replace(/\/+$/, "") + "/control/recordings";
        for (const r of recorder.recordings.splice(0)) if (r.entries.length) navigator.sendBeacon(url, r.jsonl());
      }
    });
  }
}
