// The measurement of non-blocking dispatch (BlockingDispatchContract), in two processes so that the one measuring is
// not held up by the load's own event loop:
//   role "load":  N sockets keep calling the protocol server's blocking event `slow (ms, ack)` (the handler sleeps ms
//                 on the worker, then acks ms). After a warm-up round it creates readyFile, and stops when stopFile
//                 appears (or after 90 s).
//   role "probe": once readyFile exists, a bystander socket keeps emitting `message-with-ack` (an inline handler) for
//                 durationMs, timing each ack and the gaps between the server's pings; then it creates stopFile.
// Usage: node blocking-load.js '{"role":"load","url":"http://127.0.0.1:PORT","sockets":200,"ms":200,
//                                "readyFile":"/tmp/x/ready","stopFile":"/tmp/x/stop"}'
//        node blocking-load.js '{"role":"probe","url":...,"durationMs":5000,"pingInterval":250,"readyFile":...,
//                                "stopFile":...}'
// Prints one line "RESULT {json}" and exits 0, or "FAIL ..." and exits 1: every slow ack must be ms, every bystander
// ack its own argument, no socket may be disconnected.
"use strict";
const fs = require("fs");
const { io } = require("socket.io-client");
const opts = JSON.parse(process.argv[2]);
const deadline = setTimeout(() => fail("timed out"), 120000);
const all = [];
let closing = false;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const started = now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fail(message) {
  console.log("FAIL " + opts.role + ": " + message);
  process.exit(1);
}

function connect() {
  const s = io(opts.url, { path: "/socket.io", transports: ["websocket"], reconnection: false, forceNew: true });
  all.push(s);
  const index = all.length - 1;
  s.on("disconnect", (reason) => {
    if (!closing) fail("socket " + index + " disconnected: " + reason + " after " + Math.round(now() - started)
      + " ms");
  });
  return new Promise((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", (e) => reject(new Error("connect_error " + e.message)));
  });
}

function summary(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  const at = (p) => (sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
  const r = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return { count: sorted.length, p50: r(at(50)), p99: r(at(99)), max: r(at(100)) };
}

function finish(result) {
  clearTimeout(deadline);
  closing = true;
  all.forEach((s) => s.disconnect());
  console.log("RESULT " + JSON.stringify(result));
  setTimeout(() => process.exit(0), 100);
}

async function load() {
  const N = opts.sockets || 200;
  const MS = opts.ms || 200;
  const slow = [];
  for (let i = 0; i < N; i += 20) {
    slow.push(...(await Promise.all(Array.from({ length: Math.min(20, N - i) }, connect))));
  }
  // Warm-up, not measured: every socket's first call (the worker threads start, the JIT compiles).
  await Promise.all(slow.map((s) => s.timeout(30000).emitWithAck("slow", 0)));
  fs.writeFileSync(opts.readyFile, "ready");
  const end = now() + 90000;
  const latencies = [];
  const stopped = () => fs.existsSync(opts.stopFile) || now() > end;
  await Promise.all(slow.map(async (s) => {
    while (!stopped()) {
      const t = now();
      const answer = await s.timeout(30000).emitWithAck("slow", MS);
      if (answer !== MS) throw new Error("slow acked " + JSON.stringify(answer));
      latencies.push(now() - t);
    }
  }));
  finish({ sockets: N, ms: MS, slowAck: summary(latencies) });
}

async function probe() {
  const bystander = await connect();
  const readyBy = now() + 90000;
  while (!fs.existsSync(opts.readyFile)) {
    if (now() > readyBy) fail("the load never got ready");
    await sleep(50);
  }
  for (let i = 0; i < 50; i++) await bystander.timeout(10000).emitWithAck("message-with-ack", -i);
  const pingInterval = opts.pingInterval;
  const pingLateness = [];
  let lastPing = null;
  bystander.io.on("ping", () => {
    const t = now();
    if (lastPing !== null) pingLateness.push(Math.max(0, t - lastPing - pingInterval));
    lastPing = t;
  });
  const end = now() + opts.durationMs;
  const latencies = [];
  let seq = 0;
  while (now() < end) {
    const t = now();
    const answer = await bystander.timeout(10000).emitWithAck("message-with-ack", ++seq);
    if (answer !== seq) throw new Error("bystander acked " + JSON.stringify(answer) + " for " + seq);
    latencies.push(now() - t);
    await sleep(5);
  }
  fs.writeFileSync(opts.stopFile, "stop");
  finish({ durationMs: opts.durationMs, pingInterval, bystanderAck: summary(latencies),
    pingLateness: summary(pingLateness) });
}

(opts.role === "load" ? load() : opts.role === "probe" ? probe() : Promise.reject(new Error("role: load or probe")))
  .catch((e) => {
    if (opts.stopFile) fs.writeFileSync(opts.stopFile, "stop");
    fail(e && e.stack ? e.stack : String(e));
  });
