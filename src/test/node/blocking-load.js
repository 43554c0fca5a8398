// The measurement of non-blocking dispatch (BlockingDispatchContract): N sockets keep calling the protocol server's
// blocking event `slow (ms, ack)` (the handler sleeps ms on the worker, then acks ms), while a bystander socket keeps
// emitting `message-with-ack` (an inline handler) and timing each ack, and the pings the server sends it.
// Usage: node blocking-load.js '{"url":"http://127.0.0.1:PORT","sockets":200,"ms":200,"durationMs":3000}'
// Prints one line "RESULT {json}" and exits 0, or "FAIL ..." and exits 1: every slow ack must be ms, every
// bystander ack its own argument.
"use strict";
const { io } = require("socket.io-client");
const opts = JSON.parse(process.argv[2]);
const N = opts.sockets || 200;
const MS = opts.ms || 200;
const DURATION = opts.durationMs || 3000;
const deadline = setTimeout(() => fail("timed out"), DURATION + 60000);
const all = [];
let closing = false;

function fail(message) {
  console.log("FAIL " + message);
  process.exit(1);
}

function connect() {
  const s = io(opts.url, { path: "/socket.io", transports: ["websocket"], reconnection: false, forceNew: true });
  all.push(s);
  const index = all.length - 1;
  s.on("disconnect", (reason) => {
    if (!closing) {
      fail("socket " + index + " (0: the bystander) disconnected: " + reason + " after "
        + Math.round(now() - started) + " ms");
    }
  });
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", (e) => reject(new Error("connect_error " + e.message)));
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const r = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return { count: sorted.length, p50: r(percentile(sorted, 50)), p99: r(percentile(sorted, 99)),
    max: r(sorted.length ? sorted[sorted.length - 1] : null) };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = now();

async function main() {
  const bystander = await connect();
  const slow = [];
  for (let i = 0; i < N; i += 20) {
    slow.push(...(await Promise.all(Array.from({ length: Math.min(20, N - i) }, connect))));
  }
  // Warm-up, not measured: every socket's first call (the worker threads start, the JIT compiles).
  await Promise.all(slow.map((s) => s.timeout(30000).emitWithAck("slow", 0)));
  for (let i = 0; i < 50; i++) await bystander.timeout(10000).emitWithAck("message-with-ack", -i);
  const pingInterval = opts.pingInterval || bystander.io.engine._pingInterval || bystander.io.engine.pingInterval;
  const pingLateness = [];
  let lastPing = null;
  bystander.io.on("ping", () => {
    const t = now();
    if (lastPing !== null) pingLateness.push(Math.max(0, t - lastPing - pingInterval));
    lastPing = t;
  });
  const end = now() + DURATION;
  const slowLatencies = [];
  const slowLoops = slow.map(async (s) => {
    while (now() < end) {
      const t = now();
      const answer = await s.timeout(30000).emitWithAck("slow", MS);
      if (answer !== MS) throw new Error("slow acked " + JSON.stringify(answer));
      slowLatencies.push(now() - t);
    }
  });
  const ackLatencies = [];
  const bystanderLoop = (async () => {
    let seq = 0;
    while (now() < end) {
      const t = now();
      const answer = await bystander.timeout(10000).emitWithAck("message-with-ack", ++seq);
      if (answer !== seq) throw new Error("bystander acked " + JSON.stringify(answer) + " for " + seq);
      ackLatencies.push(now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await Promise.all([bystanderLoop, ...slowLoops]);
  const result = { sockets: N, ms: MS, durationMs: DURATION, pingInterval, bystanderAck: summary(ackLatencies),
    pingLateness: summary(pingLateness), slowAck: summary(slowLatencies) };
  clearTimeout(deadline);
  closing = true;
  all.forEach((s) => s.disconnect());
  console.log("RESULT " + JSON.stringify(result));
  setTimeout(() => process.exit(0), 100);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
