// Connection churn with a real socket.io-client 4.x: `cycles` times connect to "/", emit "ok" with an ack, wait for the
// ack, disconnect; `concurrency` cycles at a time, one transport only. Polling requests share a keep-alive agent (as a
// browser would), so that tens of thousands of requests do not exhaust the ephemeral ports.
// Usage: node churn.js '{"url":"http://127.0.0.1:PORT","transport":"websocket","cycles":10000,"concurrency":20,
//                        "timeoutMs":120000}'
// Prints "OK <cycles> cycles in <ms> ms" and exits 0, or "FAIL ..." and exits 1.
"use strict";
const http = require("http");
const { Manager } = require("socket.io-client");
const opts = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true });

const deadline = setTimeout(() => fail("timed out after " + done + " cycles"), opts.timeoutMs || 120000);
let started = 0;
let done = 0;

function fail(message) {
  console.log("FAIL " + message);
  process.exit(1);
}

function cycle() {
  return new Promise((resolve, reject) => {
    const manager = new Manager(opts.url, {
      path: "/socket.io",
      transports: [opts.transport],
      upgrade: false,
      reconnection: false,
      forceNew: true,
      agent: opts.transport === "polling" ? agent : false,
      query: { tag: "churn" },
    });
    const socket = manager.socket("/");
    const timer = setTimeout(() => reject(new Error("cycle " + started + " took more than 10 s")), 10000);
    socket.on("connect_error", (err) => reject(new Error("connect_error " + (err && err.message))));
    socket.on("connect", () => socket.emit("ok", started, (answer) => {
      socket.disconnect();
      clearTimeout(timer);
      resolve(answer);
    }));
  });
}

async function worker() {
  while (started < opts.cycles) {
    started++;
    await cycle();
    done++;
  }
}

const start = Date.now();
Promise.all(Array.from({ length: opts.concurrency || 20 }, worker)).then(() => {
  clearTimeout(deadline);
  console.log("OK " + done + " cycles in " + (Date.now() - start) + " ms");
  // Let the last cycles' close packets go out before the process ends (and with it the agent's connections).
  setTimeout(() => {
    agent.destroy();
    process.exit(0);
  }, 1000);
}, (err) => fail(err && err.stack ? err.stack : String(err)));
