// Drives a real socket.io-client (4.x for Socket.IO v5 over EIO=4, 2.x for v4 over EIO=3) through one scenario against
// the CDI test WAR (the beans of io.socketee.it.cdi.app, deployed by CdiContract).
// Usage: node cdi-client.js '{"url":"http://localhost:PORT/app","path":"/app/socket.io","client":"4",
//                            "scenario":"records","user":"alice","password":"secret"}'
// url: the WAR's base URL (its servlets are under it); path: where it serves Socket.IO.
// Prints "OK ..." and exits 0 on success; prints "FAIL ..." and exits 1 otherwise. Stops by itself after timeoutMs
// (10 s by default).
"use strict";
const assert = require("assert");
const http = require("http");
const opts = JSON.parse(process.argv[2]);
const v2 = opts.client === "2";
const lib = v2 ? require("socket.io-client-v2") : require("socket.io-client");

const deadline = setTimeout(() => fail("timed out in scenario " + opts.scenario), opts.timeoutMs || 10000);
const managers = [];
let finished = false;
let step = "start";

// Names the step a scenario is at, for the message when it times out.
function at(label) {
  step = label;
}

function fail(message) {
  if (finished) return;
  finished = true;
  console.log("FAIL " + message + " (at: " + step + ")");
  process.exit(1);
}

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

function basicAuth() {
  return opts.user ? { Authorization: "Basic " + Buffer.from(opts.user + ":" + opts.password).toString("base64") }
    : undefined;
}

function manager() {
  const options = {
    path: opts.path || "/socket.io",
    transports: opts.transports || ["polling", "websocket"],
    reconnection: false,
    forceNew: true,
  };
  if (opts.user) options.extraHeaders = basicAuth();
  const m = v2 ? lib.Manager(opts.url, options) : new lib.Manager(opts.url, options);
  managers.push(m);
  return m;
}

// A socket of namespace nsp; auth goes as the auth payload (4.x) or the namespace query (2.x).
function socket(m, nsp, auth, expectRefusal) {
  const s = v2 ? m.socket(nsp, auth ? { query: auth } : undefined) : m.socket(nsp, auth ? { auth } : {});
  if (!expectRefusal) {
    s.on("error", (err) => fail(nsp + ": error " + JSON.stringify(err)));
    s.on("connect_error", (err) => fail(nsp + ": connect_error " + (err && err.message)));
  }
  return s;
}

function once(s, event) {
  return new Promise((resolve) => s.once(event, (...args) => resolve(args)));
}

function connected(s) {
  return s.connected ? Promise.resolve() : once(s, "connect");
}

function ask(s, event, ...args) {
  return new Promise((resolve) => s.emit(event, ...args, (...answer) => resolve(answer)));
}

function get(pathAndQuery) {
  return new Promise((resolve, reject) => {
    http.get(opts.url + pathAndQuery, { headers: basicAuth() }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    }).on("error", reject);
  });
}

function toBytes(data) {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

// Deep equality where binary values compare by content.
function same(actual, expected, where) {
  const expectedBytes = toBytes(expected);
  if (expectedBytes) {
    const got = toBytes(actual);
    if (!got || Buffer.compare(got, expectedBytes) !== 0) {
      throw new Error(where + ": expected bytes " + expectedBytes.toString("hex") + ", got " + JSON.stringify(actual));
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      throw new Error(where + ": expected " + JSON.stringify(expected) + ", got " + JSON.stringify(actual));
    }
    expected.forEach((e, i) => same(actual[i], e, where + "[" + i + "]"));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") throw new Error(where + ": got " + JSON.stringify(actual));
    assert.deepStrictEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), where + ": keys differ");
    Object.keys(expected).forEach((k) => same(actual[k], expected[k], where + "." + k));
    return;
  }
  if (actual !== expected) {
    throw new Error(where + ": expected " + JSON.stringify(expected) + ", got " + JSON.stringify(actual));
  }
}

const scenarios = {
  // An event bound to a record, answered by the handler's return value (a record).
  async records() {
    const s = socket(manager(), "/");
    await connected(s);
    same(await ask(s, "chat", { user: "ann", text: "hello" }), [{ user: "ann", text: "HELLO" }], "chat ack");
    same(await ask(s, "chat", { user: "bob", text: "two" }), [{ user: "bob", text: "TWO" }], "second chat ack");
    return "record in, record ack out";
  },

  // Acks through an Ack parameter, a CompletionStage completed later, and binary both ways.
  async acks() {
    const s = socket(manager(), "/");
    await connected(s);
    same(await ask(s, "sum", [1, 2, 3, 4]), [10], "Ack parameter with List<Integer>");
    same(await ask(s, "later", "x"), ["later: x"], "CompletionStage ack");
    same(await ask(s, "reverse", Buffer.from([1, 2, 3])), [Buffer.from([3, 2, 1])], "byte[] in, byte[] ack");
    same(await ask(s, "nothing"), [], "CompletionStage<Void> ack");
    return "Ack parameter, CompletionStage, binary";
  },

  // @OnConnect refuses by returning false, and by throwing ConnectionRefusedException with data; admits the rest.
  async refused() {
    const refusal = (token) => {
      const s = socket(manager(), "/guarded", { token }, true);
      s.on("connect", () => fail("connected to /guarded with token " + token));
      return once(s, v2 ? "error" : "connect_error");
    };
    const [plain, withData] = await Promise.all([refusal("refuse"), refusal("refuse-with-data")]);
    if (v2) {
      same(plain, ["Connection rejected by server"], "2.x refusal without data");
      same(withData, [{ code: 42, reason: "bad token" }], "2.x refusal with data");
    } else {
      same([plain[0].message, plain[0].data], ["Connection rejected by server", undefined], "refusal by false");
      same([withData[0].message, withData[0].data], ["not authorized", { code: 42, reason: "bad token" }],
        "refusal with data");
    }
    const admitted = socket(manager(), "/guarded", { token: "open-sesame" });
    await connected(admitted);
    same(await ask(admitted, "hello"), ["welcome open-sesame"], "the auth the handler kept");
    return "refused twice (false, exception with data), admitted once";
  },

  // @OnError gets what a handler throws (at once or through its CompletionStage) and the connection stays up;
  // a namespace without @OnError goes to the default handler.
  async errors() {
    const m = manager();
    const s = socket(m, "/");
    const other = socket(m, "/other");
    at("connect");
    await Promise.all([connected(s), connected(other)]);
    at("fail");
    const seen = once(s, "handler-error");
    s.emit("fail", "bad thing");
    same(await seen, ["IllegalStateException", "bad thing"], "@OnError of the namespace");
    at("failLater");
    const seenLater = once(s, "handler-error");
    s.emit("failLater", "late thing");
    same(await seenLater, ["UnsupportedOperationException", "late thing"], "@OnError for a failed CompletionStage");
    at("unbindable argument");
    const bound = once(s, "handler-error");
    s.emit("chat", "not an object");
    same((await bound)[0], "IllegalArgumentException", "@OnError for an argument that does not bind");
    at("chat after errors");
    same(await ask(s, "chat", { user: "ann", text: "still here" }), [{ user: "ann", text: "STILL HERE" }], "after");
    at("default handler");
    const fallback = once(other, "default-error");
    other.emit("boom", "x");
    same(await fallback, ["/other", "boom: x"], "default error handler");
    at("/other after its error");
    same(await ask(other, "alive"), ["yes"], "/other after its error"); // not "ping": 2.x reserves it
    if (!s.connected || !other.connected) throw new Error("a socket was disconnected");
    return "errors handled, connection up";
  },

  // A servlet broadcasts through the injected SocketIoServer (to a room) and an injected Namespace.
  async broadcast() {
    const m = manager();
    const s = socket(m, "/");
    const other = socket(m, "/other");
    await Promise.all([connected(s), connected(other)]);
    same(await ask(s, "join", "news"), ["joined news"], "join");
    const news = once(s, "news");
    const response = await get("/broadcast?room=news&text=hello");
    same([response.status, response.body], [200, "sent"], "servlet response");
    same(await news, ["hello"], "broadcast to the room");
    const otherNews = once(other, "news");
    await get("/broadcast?nsp=%2Fother&text=hi");
    same(await otherNews, ["hi"], "broadcast through the injected Namespace");
    return "servlet broadcast through injected server and namespace";
  },

  // @OnDisconnect gets the reason, and broadcasts through the injected server.
  async disconnect() {
    const a = socket(manager(), "/");
    const b = socket(manager(), "/");
    await Promise.all([connected(a), connected(b)]);
    const id = b.id;
    const left = once(a, "left");
    b.disconnect();
    same(await left, [id, "client namespace disconnect"], "left");
    return "disconnect reason seen";
  },

  // Request context active around each call (a new request-scoped bean per call); @Dependent handler beans are
  // created per call and destroyed after it.
  async scopes() {
    const m = manager();
    const s = socket(m, "/");
    const dep = socket(m, "/dependent");
    await Promise.all([connected(s), connected(dep)]);
    const [first] = await ask(s, "requestIds");
    const [second] = await ask(s, "requestIds");
    if (first[0] !== first[1] || second[0] !== second[1]) throw new Error("one call saw two request beans");
    if (first[0] === second[0]) throw new Error("two calls shared a request bean: " + first[0]);
    const [one] = await ask(dep, "lifecycle");
    const [two] = await ask(dep, "lifecycle");
    if (one.created - one.destroyed !== 1 || two.created - two.destroyed !== 1 || two.created !== one.created + 1) {
      throw new Error("dependent lifecycle " + JSON.stringify([one, two]));
    }
    return "request scope per call; dependent instance per call, destroyed";
  },

  // A dynamic namespace from a pattern.
  async dynamic() {
    const s = socket(manager(), "/room-42");
    await connected(s);
    same(await ask(s, "where"), ["/room-42"], "dynamic namespace");
    return "dynamic namespace";
  },

  // Hook beans: the handshake filter (an AllowRequest bean) and the connect middlewares of /hooked (Middleware beans,
  // in @Priority order, before @OnConnect).
  async hooks() {
    const eio = (v2 ? "3" : "4");
    at("handshake");
    const open = await get("/socket.io/?EIO=" + eio + "&transport=polling");
    if (open.status !== 200) throw new Error("handshake: " + open.status + " " + open.body);
    const blocked = await get("/socket.io/?EIO=" + eio + "&transport=polling&blocked=1");
    if (blocked.status !== 403) throw new Error("blocked handshake: " + blocked.status + " " + blocked.body);
    const m = manager();
    at("connect to /hooked");
    const s = socket(m, "/hooked");
    await connected(s);
    at("trail");
    same(await ask(s, "trail"), ["first,second,connect"], "middleware order");
    at("refusal");
    const stopped = socket(manager(), "/hooked", { token: "stop" }, true);
    const [err] = await once(stopped, v2 ? "error" : "connect_error");
    const message = v2 ? err : err.message;
    if (message !== "stopped by the first hook") throw new Error("refusal: " + JSON.stringify(err));
    return "handshake filter and middleware beans";
  },

  // The library's meters, bound to the application's MeterRegistry bean.
  async meters() {
    const s = socket(manager(), "/metered");
    await connected(s);
    same(await ask(s, "sockets"), [1], "socketio.sockets of /metered");
    return "meters in the application's registry";
  },

  // @Blocking handlers: @OnConnect and events on the worker (not a container thread) with the request context active;
  // what @OnConnect emits arrives after the connect, and so does what @AfterConnect emits; a socket's events in order
  // (a fast one behind a slow blocking one); the catch-all;
  // @OnError with the failing event's name and arguments.
  async blocking() {
    const s = socket(manager(), "/blocking");
    at("welcome");
    const admitting = once(s, "admitting");
    const welcome = once(s, "welcome");
    await connected(s);
    await admitting;
    const [admittedOn] = await welcome;
    if (!/^socketee-handler-/.test(admittedOn)) throw new Error("@Blocking @OnConnect ran on " + admittedOn);
    at("work");
    const [work] = await ask(s, "work", 20);
    if (!/^socketee-handler-/.test(work.thread)) throw new Error("@Blocking handler ran on " + work.thread);
    if (work.requestIds[0] !== work.requestIds[1]) throw new Error("two request beans in one call: " + work.requestIds);
    at("order");
    const answers = [];
    const slow = ask(s, "slowEcho", "a", 300).then((a) => answers.push(a[0]));
    const fast = ask(s, "fastEcho", "b").then((a) => answers.push(a[0]));
    await Promise.all([slow, fast]);
    same(answers, ["slow a", "fast b"], "answers in the order sent");
    at("catch-all");
    same(await ask(s, "nobody", 1, { x: 2 }), ['unhandled nobody [1, {"x":2}]'], "catch-all");
    at("error");
    const failed = once(s, "failed");
    s.emit("boom", "now");
    same(await failed, ["boom now", "boom", ["now"]], "@OnError with the event");
    return "blocking handlers on " + work.thread + ", in order, catch-all, @OnError with the event";
  },

  // The container's authenticated user reaches @OnConnect and the handlers.
  async principal() {
    const s = socket(manager(), "/");
    await connected(s);
    same(await ask(s, "whoami"), [opts.user + "/" + opts.user], "principal in the event and in @OnConnect");
    return "principal " + opts.user;
  },

  // The secured WARs (io.socketee.it.cdi.secured, SecurityContract) as a user without the role "admin": events the
  // security annotations refuse get the error ack, an invalid payload the validation error object (and @OnError
  // answers with an event), a namespace for admins a connect_error, and the user's room reaches the user.
  async secured() {
    const s = socket(manager(), "/");
    await connected(s);
    same(await ask(s, "whoami"), [{ user: opts.user, admin: false, roles: 0 }], "whoami");
    same(await ask(s, "audit"), [{ message: "Forbidden" }], "@RolesAllowed(admin) event");
    same(await ask(s, "closed"), [{ message: "Forbidden" }], "@DenyAll event");
    at("validation");
    const invalid = once(s, "invalid");
    same(await ask(s, "order", { customer: "", lines: [{ item: "", quantity: 1 }] }, "jo@example.com"),
      [{ message: "Validation failed", violations: [
        { path: "0.customer", message: "must not be blank" },
        { path: "0.lines[0].item", message: "must not be blank" }] }], "invalid order");
    same(await invalid, [2], "@OnError saw the violations");
    same(await ask(s, "order", { customer: "jo", lines: [] }, "jo@example.com"), ["ordered 0 for jo@example.com"],
      "valid order");
    at("user room");
    const personal = once(s, "personal");
    same(await ask(s, "notify-me", "hello"), ["sent"], "notify-me");
    same(await personal, ["hello"], "the user's room");
    at("admin namespace");
    const admin = socket(manager(), "/admin", undefined, true);
    const [err] = await once(admin, "connect_error");
    same(err.message, "Forbidden", "connect_error of /admin");
    return "secured as " + opts.user;
  },
};

const scenario = scenarios[opts.scenario];
if (!scenario) fail("no scenario " + opts.scenario);
scenario().then(done, (e) => fail(opts.scenario + ": " + (e && e.stack ? e.stack : e)));
