// Drives a real engine.io-client (6.x for EIO=4, 3.x for EIO=3) through one scenario against an echo server.
// Usage: node eio-client.js '{"url":"http://127.0.0.1:PORT","path":"/engine.io","client":"6","transports":["polling"],
//                            "upgrade":false,"scenario":"echo","expectTransport":"polling"}'
// Prints "OK ..." and exits 0 on success; prints the failure and exits 1 otherwise. Stops by itself after 20 s.
"use strict";
const opts = JSON.parse(process.argv[2]);
const v3 = opts.client === "3";
const eio = v3 ? require("engine.io-client-v3") : require("engine.io-client");
const SocketClass = v3 ? eio.Socket : eio.Socket;

const deadline = setTimeout(() => fail("timed out in scenario " + opts.scenario), opts.timeoutMs || 20000);

function fail(message) {
  console.log("FAIL " + message);
  process.exit(1);
}

function done(message) {
  clearTimeout(deadline);
  console.log("OK " + message);
  process.exit(0);
}

const socket = new SocketClass(opts.url, {
  path: opts.path,
  transports: opts.transports,
  upgrade: opts.upgrade !== false,
  forceBase64: !!opts.forceBase64,
});

function toBytes(data) {
  if (typeof data === "string") return null;
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

// Runs fn once the upgrade is done (at once if it already happened, or if no upgrade is awaited).
function whenReady(fn) {
  if (!opts.waitUpgrade || socket.transport.name === "websocket") return fn();
  socket.once("upgrade", () => fn());
}

function checkTransport() {
  if (opts.expectTransport && socket.transport.name !== opts.expectTransport) {
    fail("transport is " + socket.transport.name + ", expected " + opts.expectTransport);
  }
}

// Sends each expected message and waits for its echo, one at a time.
function echoAll(messages, then) {
  let i = 0;
  const next = () => {
    if (i === messages.length) return then();
    const sent = messages[i++];
    socket.once("message", (data) => {
      if (typeof sent === "string") {
        if (data !== sent) return fail("text echo differs: got " + JSON.stringify(String(data).slice(0, 80)));
      } else {
        const got = toBytes(data);
        if (!got) return fail("binary echo came back as " + typeof data + ": " + String(data).slice(0, 80));
        if (Buffer.compare(got, Buffer.from(sent)) !== 0) return fail("binary echo differs (" + got.length + " bytes)");
      }
      next();
    });
    socket.send(sent);
  };
  next();
}

const scenarios = {
  echo() {
    socket.once("open", () => {
      // Some traffic before the upgrade, some after it.
      echoAll(["hello", "€ and 😀"], () =>
        whenReady(() => {
          checkTransport();
          echoAll(["after", Buffer.from([0, 1, 2, 253, 254, 255]), "multi\nline \u2028 \"quoted\""], () => {
            checkTransport();
            done("echoed over " + socket.transport.name);
          });
        }));
    });
  },

  big() {
    const size = opts.size || 999000;
    socket.once("open", () => {
      whenReady(() => {
        const text = "x".repeat(size - 1) + "€";
        // Over polling binary travels as base64 (4/3 larger), which must stay within maxHttpBufferSize too.
        const binarySize = socket.transport.name === "polling" ? Math.floor(size * 0.74) : size;
        const bytes = Buffer.alloc(binarySize, 7);
        echoAll([text, bytes], () => {
          checkTransport();
          done("echoed " + size + " chars and bytes over " + socket.transport.name);
        });
      });
    });
  },

  // The client stops answering the heartbeat; the server must drop it.
  silent() {
    socket.once("open", () => {
      if (v3) {
        socket.ping = () => {};
        socket.setPing = () => {};
      } else {
        const original = socket._sendPacket.bind(socket);
        socket._sendPacket = (type, ...rest) => (type === "pong" ? undefined : original(type, ...rest));
      }
      const opened = Date.now();
      socket.once("close", (reason) => done("closed after " + (Date.now() - opened) + " ms: " + reason));
    });
  },

  // The server closes the session; the client must see a close.
  closeByServer() {
    socket.once("open", () => {
      socket.once("close", (reason) => done("closed: " + reason));
      socket.send("close me");
    });
  },
};

socket.on("error", (err) => fail("client error: " + (err && err.message ? err.message : err)));
if (!scenarios[opts.scenario]) fail("unknown scenario " + opts.scenario);
scenarios[opts.scenario]();
