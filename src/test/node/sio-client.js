// Drives a real socket.io-client (4.x for Socket.IO v5 over EIO=4, 2.x for v4 over EIO=3) through one scenario against
// the server of SocketIoClientsApp.
// Usage: node sio-client.js '{"url":"http://127.0.0.1:PORT","client":"4","transports":["polling","websocket"],
//                            "upgrade":true,"waitUpgrade":true,"expectTransport":"websocket","scenario":"acks",
//                            "tag":"acks-1"}'
// With "parser":"msgpack" both sides speak socket.io-msgpack-parser (4.x only).
// Prints "OK ..." and exits 0 on success; prints "FAIL ..." and exits 1 otherwise. Stops by itself after timeoutMs
// (10 s by default).
"use strict";
const assert = require("assert");
const opts = JSON.parse(process.argv[2]);
const v2 = opts.client === "2";
const lib = v2 ? require("socket.io-client-v2") : require("socket.io-client");

const deadline = setTimeout(() => fail("timed out in scenario " + opts.scenario), opts.timeoutMs || 10000);
const managers = [];
let finished = false;

function fail(message) {
  if (finished) return;
  finished = true;
  console.log("FAIL " + message);
  process.exit(1);
}

// Leaves every namespace and closes every connection, then exits once the close packets had time to go out.
function done(message) {
  if (finished) return;
  finished = true;
  clearTimeout(deadline);
  for (const manager of managers) {
    for (const socket of Object.values(manager.nsps)) socket.disconnect();
    if (manager.engine) manager.engine.close();
  }
  console.log("OK " + message);
  setTimeout(() => process.exit(0), 100);
}

function manager(extra, url) {
  const options = Object.assign({
    path: "/socket.io",
    transports: opts.transports,
    upgrade: opts.upgrade !== false,
    reconnection: false,
    forceNew: true,
    query: { tag: opts.tag },
  }, extra || {});
  if (opts.parser === "msgpack") options.parser = require("socket.io-msgpack-parser");
  const target = url || opts.url;
  const m = v2 ? lib.Manager(target, options) : new lib.Manager(target, options);
  managers.push(m);
  return m;
}

// A socket of namespace nsp on manager m; auth goes as the auth payload (4.x) or the namespace query (2.x).
function socket(m, nsp, auth) {
  const s = v2 ? m.socket(nsp, auth ? { query: auth } : undefined) : m.socket(nsp, auth ? { auth } : {});
  s.on("error", (err) => fail(nsp + ": error " + JSON.stringify(err)));
  s.on("connect_error", (err) => fail(nsp + ": connect_error " + (err && err.message)));
  return s;
}

// Resolves with the arguments of the next `event`.
function once(s, event) {
  return new Promise((resolve) => s.once(event, (...args) => resolve(args)));
}

function connected(s) {
  return s.connected ? Promise.resolve() : once(s, "connect");
}

// Emits with an ack callback; resolves with the answer's arguments.
function ask(s, event, ...args) {
  return new Promise((resolve) => s.emit(event, ...args, (...answer) => resolve(answer)));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Resolves once the manager's connection is on its final transport (after the upgrade, when one is awaited).
function ready(m) {
  return new Promise((resolve) => {
    const check = () => {
      if (opts.expectTransport && m.engine.transport.name !== opts.expectTransport) {
        return fail("transport is " + m.engine.transport.name + ", expected " + opts.expectTransport);
      }
      resolve();
    };
    if (!opts.waitUpgrade || m.engine.transport.name === "websocket") return check();
    m.engine.once("upgrade", check);
  });
}

function toBytes(data) {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

// Deep equality where binary values (Buffer, ArrayBuffer, typed arrays) compare by content.
function same(actual, expected, where) {
  const expectedBytes = toBytes(expected);
  if (expectedBytes) {
    const got = toBytes(actual);
    if (!got || Buffer.compare(got, expectedBytes) !== 0) {
      throw new Error(where + ": expected bytes " + expectedBytes.toString("hex") + ", got " + describe(actual));
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      throw new Error(where + ": expected " + describe(expected) + ", got " + describe(actual));
    }
    expected.forEach((e, i) => same(actual[i], e, where + "[" + i + "]"));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") throw new Error(where + ": got " + describe(actual));
    assert.deepStrictEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), where + ": keys differ");
    Object.keys(expected).forEach((k) => same(actual[k], expected[k], where + "." + k));
    return;
  }
  if (actual !== expected) throw new Error(where + ": expected " + describe(expected) + ", got " + describe(actual));
}

function describe(value) {
  const bytes = toBytes(value);
  if (bytes) return "<bytes " + bytes.toString("hex") + ">";
  try {
    return JSON.stringify(value, (k, v) => (toBytes(v) && typeof v === "object" && !Array.isArray(v) && k !== ""
      ? "<bytes " + toBytes(v).toString("hex") + ">" : v));
  } catch (e) {
    return String(value);
  }
}

const scenarios = {
  // Two namespaces multiplexed on one connection.
  async multiplex() {
    const m = manager();
    let opens = 0;
    m.on("open", () => opens++);
    const main = socket(m, "/");
    const second = socket(m, "/second");
    await Promise.all([connected(main), connected(second)]);
    if (main.io !== second.io) throw new Error("the sockets do not share a manager");
    await ready(m);
    const [nspA, idA] = await ask(main, "whoami");
    const [nspB, idB, transport] = await ask(second, "whoami");
    same([nspA, nspB], ["/", "/second"], "namespaces");
    same([idA, idB], [main.id, second.id], "socket ids");
    if (v2) {
      same([idA, idB], [m.engine.id, "/second#" + m.engine.id], "2.x socket ids");
    } else if (idA === idB || idA === m.engine.id) {
      throw new Error("socket ids are not distinct: " + idA + ", " + idB + ", engine " + m.engine.id);
    }
    same(transport, m.engine.transport.name, "transport the server sees");
    const [echoA, echoB] = [once(main, "echo-back"), once(second, "echo-back")];
    main.emit("echo", "to main");
    second.emit("echo", "to second");
    same(await echoA, ["to main"], "echo on /");
    same(await echoB, ["to second"], "echo on /second");
    if (opens !== 1) throw new Error("the manager opened " + opens + " connections");
    return "2 namespaces on one " + m.engine.transport.name + " connection";
  },

  // Three clients in a room; a broadcast to the room except another room misses the client in that room.
  async rooms() {
    const room = "room-" + opts.tag;
    const quiet = "quiet-" + opts.tag;
    const clients = [0, 1, 2].map((i) => {
      const m = manager({ query: { tag: opts.tag + "-" + i } });
      const s = socket(m, "/");
      const received = [];
      s.on("room-msg", (payload) => received.push(payload));
      return { m, s, received };
    });
    await Promise.all(clients.map((c) => connected(c.s)));
    await Promise.all(clients.map((c) => ready(c.m)));
    await Promise.all(clients.map((c) => ask(c.s, "join", room)));
    await ask(clients[2].s, "join", quiet);
    const [a, b, c] = clients;
    const firstAtB = once(b.s, "room-msg");
    await ask(a.s, "broadcast", room, quiet, { n: 1 });
    await firstAtB;
    const lastAtB = once(b.s, "room-msg");
    const lastAtC = once(c.s, "room-msg");
    await ask(a.s, "broadcast", room, null, { n: 2 });
    await Promise.all([lastAtB, lastAtC]);
    if (a.received.length < 2) await once(a.s, "room-msg");
    same(a.received, [{ n: 1 }, { n: 2 }], "sender in the room");
    same(b.received, [{ n: 1 }, { n: 2 }], "other client in the room");
    same(c.received, [{ n: 2 }], "client in the except room");
    return "room broadcast reached 2 of 3, then 3 of 3";
  },

  // Acks both ways, and a server ack the client never answers.
  async acks() {
    const m = manager();
    const s = socket(m, "/");
    s.on("question", (q, callback) => callback("answer to " + q));
    s.on("question-ignored", () => {});
    await connected(s);
    await ready(m);
    same(await ask(s, "ack", 1, "two", { three: [true] }, null), [1, "two", { three: [true] }, null], "ack");
    const result = once(s, "ask-result");
    s.emit("ask", "life");
    same(await result, [["answer to life"]], "the server's emitWithAck");
    const timeout = once(s, "ask-timeout-result");
    s.emit("ask-timeout", "anyone?");
    same(await timeout, ["TimeoutException"], "the server's emitWithAck without answer");
    return "acks both ways; server ack timed out";
  },

  // Buffers nested in objects, several attachments, in events and acks, both ways.
  async binary() {
    const m = manager();
    const s = socket(m, "/");
    await connected(s);
    const payload = {
      label: "binary",
      first: Buffer.from([1, 2, 3]),
      nested: { second: Buffer.from([0, 255, 128]), list: [Buffer.from("h\u00e9llo"), "text", 4] },
    };
    const extra = Buffer.alloc(300, 0xab);
    const round = async (when) => {
      const back = once(s, "binary-back");
      same(await ask(s, "binary", payload, extra), [payload, extra], "binary ack " + when);
      same(await back, [payload, extra, Buffer.from([9, 8, 7])], "binary-back " + when);
    };
    await round("at first");
    await ready(m);
    await round("when ready");
    return "binary both ways over " + m.engine.transport.name;
  },

  // Non-ASCII text (accents, CJK, an emoji outside the BMP) in arguments, keys and acks, both ways.
  async unicode() {
    const m = manager();
    const s = socket(m, "/second");
    await connected(s);
    await ready(m);
    const payload = ["h\u00e9llo", "\u65e5\u672c\u8a9e", "\u{1F600}", { "cl\u00e9": "v\u00e4lue \u{1F680}" },
      "x".repeat(300) + "\u20ac"];
    same(await ask(s, "ack", ...payload), payload, "ack");
    const back = once(s, "echo-back");
    s.emit("echo", ...payload);
    same(await back, payload, "echo-back");
    return "non-ASCII both ways over " + m.engine.transport.name;
  },

  // A client without the server's parser: the server closes the connection at the client's first packet.
  async wrongParser() {
    const m = manager();
    const closed = once(m, "close");
    const s = m.socket("/");
    s.on("connect", () => fail("connected with another parser than the server's"));
    const [reason] = await closed;
    return "the connection closed (" + reason + ") without connecting";
  },

  // /private admits the right token and refuses the others, with the middleware's message and data.
  async auth() {
    const admitted = socket(manager(), "/private", { token: "secret" });
    const welcome = once(admitted, "welcome");
    await connected(admitted);
    same(await welcome, [{ token: "secret" }], "the auth the server saw");
    same((await ask(admitted, "whoami"))[0], "/private", "namespace");
    const refusal = (token) => {
      const m = manager();
      const s = v2 ? m.socket("/private", { query: { token } }) : m.socket("/private", { auth: { token } });
      s.on("connect", () => fail("connected to /private with token " + token));
      return once(s, v2 ? "error" : "connect_error");
    };
    const [withData, withoutData] = await Promise.all([refusal("wrong"), refusal("nodata")]);
    if (v2) {
      // What Node's server sends an EIO=3 client: the error's data when it has some, else its message.
      same(withData, [{ code: 42 }], "2.x error with data");
      same(withoutData, ["not authorized"], "2.x error without data");
    } else {
      same([withData[0].message, withData[0].data], ["not authorized", { code: 42 }], "connect_error with data");
      same([withoutData[0].message, withoutData[0].data], ["not authorized", undefined], "connect_error without data");
    }
    return "admitted and refused (with and without data)";
  },

  // The server sends bursts of volatile events; some arrive, in order, and the connection goes on.
  async volatile() {
    const m = manager();
    const s = socket(m, "/");
    const received = [];
    s.on("v", (i) => received.push(i));
    await connected(s);
    await ready(m);
    let bursts = 0;
    for (let round = 0; round < 5; round++) {
      const before = received.length;
      same(await ask(s, "volatile-burst", 30), [30], "burst ack");
      const got = received.slice(before);
      for (let i = 1; i < got.length; i++) {
        if (got[i] <= got[i - 1]) throw new Error("volatile events out of order: " + got.join(","));
      }
      await sleep(20);
      bursts++;
    }
    if (received.length === 0) throw new Error("no volatile event arrived in " + bursts + " bursts");
    same(await ask(s, "ack", "still there"), ["still there"], "ack after the bursts");
    return received.length + " of " + bursts * 30 + " volatile events arrived";
  },

  // Server-side disconnect of /second; client-side disconnect of /private, then of /.
  async disconnects() {
    const m = manager();
    const main = socket(m, "/");
    const second = socket(m, "/second");
    const priv = socket(m, "/private", { token: "secret" });
    await Promise.all([connected(main), connected(second), connected(priv)]);
    await ready(m);
    const kicked = once(second, "disconnect");
    second.emit("disconnect-me");
    same((await kicked)[0], "io server disconnect", "reason /second saw");
    const left = once(priv, "disconnect");
    priv.disconnect();
    same((await left)[0], "io client disconnect", "reason /private saw");
    same((await ask(main, "whoami"))[0], "/", "/ after leaving the others");
    const mainLeft = once(main, "disconnect");
    main.disconnect();
    same((await mainLeft)[0], "io client disconnect", "reason / saw");
    return "server and client disconnects";
  },

  // Says "message" ready, then collects "queued" events until the server shuts down; checks they all arrived before
  // the disconnect and its reason (opts.expectReason), then connects to the other server at opts.url2.
  async shutdown() {
    const m = manager();
    const s = socket(m, "/");
    const queued = [];
    s.on("queued", (i) => queued.push(i));
    await connected(s);
    await ready(m);
    const gone = once(s, "disconnect");
    s.emit("message", "ready");
    const [reason] = await gone;
    same(queued, [...Array(opts.queued).keys()], "events the server sent before shutting down");
    same(reason, opts.expectReason, "the reason the client saw");
    const other = socket(manager({}, opts.url2), "/");
    await connected(other);
    same(await ask(other, "ack", "elsewhere"), ["elsewhere"], "ack from the other server");
    return "all " + queued.length + " queued events, then " + reason + "; connected elsewhere";
  },

  // Reconnects after the server went away and came back on the same port; says "message" before and after.
  async reconnect() {
    const m = manager({ reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300 });
    const s = socket(m, "/");
    s.off("connect_error");
    s.off("error");
    let connects = 0;
    const second = new Promise((resolve) => s.on("connect", () => {
      connects++;
      if (connects === 2) resolve();
    }));
    await connected(s);
    await ready(m);
    const gone = once(s, "disconnect");
    // No ack here: the test stops the server as soon as it has the message, maybe before an ack went out.
    s.emit("message", "before");
    const reason = await gone;
    await second;
    same(await ask(s, "message", "after"), ["after"], "ack after the restart");
    return "reconnected after " + reason[0];
  },
};

if (!scenarios[opts.scenario]) fail("unknown scenario " + opts.scenario);
scenarios[opts.scenario]().then(done, (err) => fail(err && err.stack ? err.stack : String(err)));
