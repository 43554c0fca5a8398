// Connection state recovery with a real socket.io-client 4.x against the protocol app's "/" (SocketIoProtocolApp with
// recovery on): the client talks to the server through a TCP proxy in this process, and the test cuts the network by
// destroying every proxied connection with a TCP reset (no WebSocket close frame, no Engine.IO close packet; a held
// polling GET fails as on a network error). While the proxy refuses connections, another client sends to the room;
// once it heals, the client reconnects by itself and must resume: same id, rooms, every missed message once and in
// order, then live ones; the deny middleware is skipped. A clean disconnect afterwards is not recovered.
// With "resumeUrl", the proxy leads to that server once the network heals: the client is cut off from one node of a
// cluster and resumes on another (the second client stays on the first node; its messages cross the cluster).
// Usage: node recovery-client.js '{"url":"http://127.0.0.1:PORT","transports":["polling","websocket"],
//                                 "upgrade":true,"expectTransport":"websocket","tag":"t1","downMs":1500,
//                                 "resumeUrl":"http://127.0.0.1:OTHER"}'
// Prints "OK ..." and exits 0 on success; prints "FAIL ..." and exits 1 otherwise.
"use strict";
const assert = require("assert");
const net = require("net");
const { io } = require("socket.io-client");
const opts = JSON.parse(process.argv[2]);
let target = new URL(opts.url);

const deadline = setTimeout(() => fail("timed out at step: " + step), opts.timeoutMs || 20000);
let step = "start";
let trace = [];
let finished = false;
const clients = [];

function fail(message) {
  if (finished) return;
  finished = true;
  console.log("FAIL " + message);
  process.exit(1);
}

function done(message) {
  if (finished) return;
  finished = true;
  clearTimeout(deadline);
  for (const c of clients) c.disconnect();
  console.log("OK " + message);
  setTimeout(() => process.exit(0), 100);
}

// ---------------------------------------------------------------- a proxy that can cut the network

const links = new Set();
let down = false;
const proxy = net.createServer((downstream) => {
  if (down) {
    downstream.resetAndDestroy();   // the network is still down: the attempt fails at once
    return;
  }
  const upstream = net.connect(Number(target.port), target.hostname);
  const link = { downstream, upstream };
  links.add(link);
  downstream.pipe(upstream);
  upstream.pipe(downstream);
  // An orderly end travels through the pipes (what was written is flushed first); an error resets the other side.
  const fail = () => {
    links.delete(link);
    downstream.destroy();
    upstream.destroy();
  };
  downstream.on("error", fail);
  upstream.on("error", fail);
  downstream.on("close", () => links.delete(link));
});

/** Every connection reset on both sides, and new ones refused until heal(). */
function cut() {
  down = true;
  for (const { downstream, upstream } of links) {
    upstream.resetAndDestroy();
    downstream.resetAndDestroy();
  }
  links.clear();
}

function heal() {
  if (opts.resumeUrl) target = new URL(opts.resumeUrl);
  down = false;
}

// ---------------------------------------------------------------- helpers

function once(s, event) {
  return new Promise((resolve) => s.once(event, (...args) => resolve(args)));
}

function ask(s, event, ...args) {
  return s.timeout(5000).emitWithAck(event, ...args);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function expect(actual, expected, what) {
  try {
    assert.deepStrictEqual(actual, expected);
  } catch (e) {
    throw new Error(what + ": expected " + JSON.stringify(expected) + ", got " + JSON.stringify(actual));
  }
}

function client(url, extra) {
  const s = io(url, Object.assign({
    path: "/socket.io",
    transports: opts.transports,
    upgrade: opts.upgrade !== false,
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    randomizationFactor: 0,
    query: { tag: opts.tag },
  }, extra || {}));
  clients.push(s);
  return s;
}

function onTransport(s) {
  return new Promise((resolve) => {
    const engine = s.io.engine;
    if (!opts.upgrade || engine.transport.name === "websocket") return resolve(engine.transport.name);
    engine.once("upgrade", () => resolve(engine.transport.name));
  });
}

// ---------------------------------------------------------------- the scenario

async function scenario() {
  await new Promise((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const room = "room-" + opts.tag;
  const viaProxy = "http://127.0.0.1:" + proxy.address().port;

  step = "connect through the proxy";
  const ann = client(viaProxy, { auth: { deny: false } });
  const received = [];
  ann.on("msg", (payload, offset) => {
    if (typeof offset !== "string") fail("msg without an offset: " + JSON.stringify([payload, offset]));
    received.push(payload);
  });
  // While the network is down every reconnection attempt fails (a connect_error each); a refusal must not happen.
  ann.on("connect_error", (err) => { if (err.message === "denied") fail("ann was refused: middlewares ran"); });
  const log = [];
  ann.on("disconnect", (reason, details) => log.push("disconnect " + reason + " " + (details && details.description
    && details.description.message || "")));
  ann.io.on("close", (reason) => log.push("manager close " + reason));
  trace = log;
  await once(ann, "connect");
  const transport = await onTransport(ann);
  if (opts.expectTransport && transport !== opts.expectTransport) {
    throw new Error("transport is " + transport + ", expected " + opts.expectTransport);
  }
  if (ann.recovered) throw new Error("recovered on its first connection");
  const id = ann.id;
  expect(await ask(ann, "join", room), "ok", "join");

  step = "a second client, straight to the server";
  const bob = client(opts.url, { reconnection: false });
  await once(bob, "connect");
  expect(await ask(bob, "emit-to", room, 1), "ok", "emit-to 1");
  while (received.length < 1) await sleep(10);
  expect(received, [1], "before the cut");

  step = "cut the network";
  const disconnected = once(ann, "disconnect");
  cut();
  const [reason] = await disconnected;
  // No way to tell the server: it learns of the loss from the reset (WebSocket) or the heartbeat (polling).
  for (const n of [2, 3, 4]) expect(await ask(bob, "emit-to", room, n), "ok", "emit-to " + n);
  ann.auth = { deny: true };   // a recovered socket skips the middleware that would refuse this
  // Wait until the server has let the old socket go (its session is then kept), then heal the network.
  const gone = Date.now() + 5000;
  while (await ask(bob, "has-socket", id)) {
    if (Date.now() > gone) throw new Error("the server still has the socket 5 s after the cut");
    await sleep(50);
  }
  await sleep(opts.downMs || 0);
  step = "heal; the client reconnects by itself";
  const reconnected = once(ann, "connect");
  heal();
  await reconnected;
  if (!ann.recovered) throw new Error("not recovered after '" + reason + "'");
  expect(ann.id, id, "socket id after recovery");
  while (received.length < 4) await sleep(10);
  await sleep(200);
  expect(received, [1, 2, 3, 4], "missed messages, once each and in order");
  const me = await ask(ann, "whoami");
  expect(me, { id, recovered: true, rooms: [id, room].sort() }, "whoami after recovery");
  let resumedOn = bob;
  if (opts.resumeUrl) {
    resumedOn = client(opts.resumeUrl, { reconnection: false });
    await once(resumedOn, "connect");
    expect(await ask(bob, "has-socket", id), false, "has-socket on the first node after recovery on the other");
  }
  expect(await ask(resumedOn, "has-socket", id), true, "has-socket after recovery");
  expect(await ask(bob, "emit-to", room, 5), "ok", "emit-to 5");
  while (received.length < 5) await sleep(10);
  expect(received, [1, 2, 3, 4, 5], "live message after recovery");

  step = "a clean disconnect is not recovered";
  ann.disconnect();
  ann.auth = { deny: false };
  ann.connect();
  await once(ann, "connect");
  if (ann.recovered) throw new Error("recovered after a clean disconnect");
  if (ann.id === id) throw new Error("same id after a clean disconnect");

  step = "the middleware still refuses new sockets";
  const eve = client(opts.url, { reconnection: false, auth: { deny: true } });
  const [err] = await once(eve, "connect_error");
  expect(err.message, "denied", "refusal");
  return "recovered over " + transport + " after '" + reason + "': same id, rooms, 3 missed messages in order"
    + (opts.resumeUrl ? ", on the other node" : "");
}

scenario().then(done, (e) => fail(step + ": " + (e && e.stack || e) + "; seen: " + trace.join(", ")));
