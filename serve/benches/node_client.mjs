// Round trips from node to `adcontract serve` (a benchmark helper): one session, N sequential
// getAgentState calls. Run with `node --experimental-websocket` on node 20 (global on 22+).
// Usage: node node_client.mjs ws://127.0.0.1:PORT N  -> one JSON line {perSecond, p50, p99}.
const [url, n] = [process.argv[2], Number(process.argv[3] || 2000)];
const ws = new WebSocket(url + "/adcontract/ws");
const pending = new Map();
let next = 1;
ws.onmessage = (m) => {
  const f = JSON.parse(m.data);
  if (f.cmd === "event") return ws.send(JSON.stringify({ id: f.id }));
  const p = pending.get(f.id);
  if (p) {
    pending.delete(f.id);
    p(f);
  }
};
const request = (c) =>
  new Promise((resolve) => {
    const id = next++;
    pending.set(id, resolve);
    ws.send(JSON.stringify({ id, ...c }));
  });
await new Promise((r) => (ws.onopen = r));
await request({ cmd: "start", protocol: 1, role: "provider" });
await request({ cmd: "reset", api: "widget", apiVersion: "latest" });
await request({ cmd: "fixture", fixture: "login", args: {} });
for (let i = 0; i < 200; i++) await request({ cmd: "call", method: "getAgentState", args: [] });
const each = [];
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const s = performance.now();
  const r = await request({ cmd: "call", method: "getAgentState", args: [] });
  if (!r.result || r.result.status !== "success") throw new Error(JSON.stringify(r));
  each.push(performance.now() - s);
}
const total = performance.now() - t0;
each.sort((a, b) => a - b);
console.log(JSON.stringify({ calls: n, perSecond: n / (total / 1000), p50: each[Math.floor(n * 0.5)], p99: each[Math.floor(n * 0.99)] }));
ws.close();
