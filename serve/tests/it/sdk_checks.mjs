// Runs a page-side SDK script (from `adcontract serve`) under node, with just enough of a page
// around it (a `window`, a WebSocket that never connects, no timers), calls its methods with the
// given arguments, and prints, for each call, the `console.error` lines the SDK's development-mode
// checks wrote. Input on stdin: {"script": path, "api": "widget" | "embedded",
// "calls": [{"method": name, "args": [...]}]}.

import { readFileSync } from "node:fs";
import vm from "node:vm";

const input = JSON.parse(readFileSync(0, "utf8"));
const lines = [];
class FakeSocket {
  constructor() {
    this.readyState = 0;
  }
  send() {}
}
const window = {};
const context = vm.createContext({
  window,
  WebSocket: FakeSocket,
  document: { querySelectorAll: () => [], createElement: () => ({ style: {} }), body: { appendChild() {} } },
  console: { error: (...a) => lines.push(a.join(" ")), warn() {}, log() {} },
  setTimeout: () => 0,
  clearTimeout() {},
});
vm.runInContext(readFileSync(input.script, "utf8"), context, { filename: input.script });

const out = [];
if (input.api === "widget") {
  const api = new window.brightpattern.AdApi({ standalone: true });
  for (const { method, args } of input.calls) {
    lines.length = 0;
    api._call(method, args).catch(() => {});
    out.push([...lines]);
  }
} else {
  const api = window.bpspat.api;
  api.init("https://example.invalid/");
  for (const { method, args } of input.calls) {
    lines.length = 0;
    api[method](...args);
    out.push([...lines]);
  }
}
process.stdout.write(JSON.stringify(out));
