// A Node.js socket.io 4.x server in a Redis Streams cluster (@socket.io/redis-streams-adapter 0.3.1 with the `redis`
// client), connection state recovery on, for the interop tests of the Java Redis Streams adapter.
// Usage: node redis-streams-node-server.js '{"redisUrl":"redis://127.0.0.1:6390"}'
// Prints "listening <port>" once it serves on 127.0.0.1 (a free port).
//
// On "/", as the Java protocol app (SocketIoProtocolApp) for the recovery client: a CONNECT whose auth has
// `deny: true` is refused with {"message":"denied"} (recovered sockets skip it); join (room, ack), leave (room, ack),
// emit-to (room, payload, ack) -> io.to(room).emit("msg", payload), has-socket (id, ack) for this node,
// whoami (ack) -> {id, recovered, rooms}. Server-side "ping" is answered with "pong-node".
// On "/control": fetch {rooms} -> io.in(rooms).fetchSockets() -> [{id, rooms}]; serverSideEmit {} ->
// io.serverSideEmitWithAck("ping", 1) -> responses; serverCount {}.
// Exits when its standard input closes (the test's JVM went away) or on SIGTERM.
"use strict";
const http = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-streams-adapter");
const { createClient } = require("redis");

const opts = JSON.parse(process.argv[2]);

async function main() {
  const redisClient = createClient({ url: opts.redisUrl });
  redisClient.on("error", () => {}); // reconnects by itself
  await redisClient.connect();

  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    adapter: createAdapter(redisClient, { blockTimeInMs: 1000 }),
    connectionStateRecovery: { maxDisconnectionDuration: 10000, skipMiddlewares: true },
    // short enough that the recovery client sees a polling client's loss noticed within its 5 s, long enough that a
    // busy JVM's control client is not dropped for a late pong
    pingInterval: 1000,
    pingTimeout: 1000,
  });
  io.use((socket, next) => next(socket.handshake.auth && socket.handshake.auth.deny === true
    ? new Error("denied") : undefined));
  io.on("connection", (socket) => {
    socket.on("join", (room, cb) => { socket.join(room); cb("ok"); });
    socket.on("leave", (room, cb) => { socket.leave(room); cb("ok"); });
    socket.on("emit-to", (room, payload, cb) => { io.to(room).emit("msg", payload); cb("ok"); });
    socket.on("has-socket", (id, cb) => cb(io.of("/").sockets.has(id)));
    socket.on("whoami", (cb) => cb({ id: socket.id, recovered: socket.recovered, rooms: [...socket.rooms].sort() }));
  });
  io.on("ping", (...args) => {
    const cb = typeof args[args.length - 1] === "function" ? args.pop() : null;
    if (cb) cb("pong-node");
  });
  io.of("/control").on("connection", (control) => {
    control.on("fetch", async (cmd, cb) => {
      try {
        const sockets = await io.in(cmd.rooms || []).fetchSockets();
        cb(sockets.map((s) => ({ id: s.id, rooms: [...s.rooms] })));
      } catch (e) {
        cb({ error: String(e) });
      }
    });
    control.on("serverSideEmit", async (cmd, cb) => {
      try {
        cb({ err: null, responses: await io.serverSideEmitWithAck("ping", 1) });
      } catch (e) {
        cb({ err: String(e), responses: [] });
      }
    });
    control.on("ackBroadcast", (cmd, cb) => {
      io.timeout(3000).emit("ask", "q", (err, responses) => cb({ err: err ? String(err) : null, responses }));
    });
    control.on("serverCount", async (cmd, cb) => cb(await io.of("/").adapter.serverCount()));
  });

  httpServer.listen(0, "127.0.0.1", () => {
    console.log("listening " + httpServer.address().port);
  });

  const stop = () => {
    io.close();
    redisClient.quit().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
}

main().catch((e) => {
  console.log("FAIL " + (e && e.stack || e));
  process.exit(1);
});
