// A Node.js socket.io 4.x server in a Redis cluster (@socket.io/redis-adapter with the `redis` client), for the
// interop tests of the Java Redis adapter. Usage: node redis-node-server.js '{"redisUrl":"redis://127.0.0.1:6390"}'
// Prints "listening <port>" once it serves on 127.0.0.1 (a free port) and its adapter is subscribed.
//
// On "/": a socket joins the rooms of its `rooms` query parameter (comma-separated) and gets data.name from `name`;
// server-side "ping" is answered with "pong-node"; server-side events are recorded.
// On "/control": the test drives this server (each command answers through its ack):
//   broadcast {rooms, except, event, args, binary}   io.to(rooms).except(except).emit(event, ...args)
//   fetch {rooms}                                     io.in(rooms).fetchSockets() -> [{id, rooms, data, query}]
//   remote {id, op, event, arg, room}                 on a fetched socket: emit / join / leave / disconnect
//   ackBroadcast {}                                   io.timeout(3000).emit("ask") -> responses
//   serverSideEmit {}                                 io.serverSideEmitWithAck("ping", 1) -> responses
//   serverSideEvents {}                               the server-side events received so far
//   emitter {rooms, event, args, binary}              @socket.io/redis-emitter: to(rooms).emit(event, ...args)
//   rooms {}                                          adapter.allRooms(), serverCount()
//   localRooms {id}                                   rooms of a local socket
// Exits when its standard input closes (the test's JVM went away) or on SIGTERM.
"use strict";
const http = require("http");
const { Server } = require("socket.io");
const { createAdapter } = require("@socket.io/redis-adapter");
const { Emitter } = require("@socket.io/redis-emitter");
const { createClient } = require("redis");

const opts = JSON.parse(process.argv[2]);

function decode(value) {
  // Binary travels from Java as {"$bytes":[...]}
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    if (Array.isArray(value.$bytes)) return Buffer.from(value.$bytes);
    const out = {};
    for (const k of Object.keys(value)) out[k] = decode(value[k]);
    return out;
  }
  return value;
}

async function main() {
  const pubClient = createClient({ url: opts.redisUrl });
  const subClient = pubClient.duplicate();
  const emitterClient = pubClient.duplicate();
  for (const c of [pubClient, subClient, emitterClient]) {
    c.on("error", () => {}); // reconnects by itself
  }
  await Promise.all([pubClient.connect(), subClient.connect(), emitterClient.connect()]);

  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient, { requestsTimeout: 3000 }) });
  const emitter = new Emitter(emitterClient);
  const serverSideEvents = [];

  io.on("connection", (socket) => {
    const rooms = (socket.handshake.query.rooms || "").split(",").filter((r) => r);
    socket.join(rooms);
    socket.data.name = socket.handshake.query.name || "?";
    socket.on("ask", () => {});
  });
  io.on("ping", (...args) => {
    const cb = typeof args[args.length - 1] === "function" ? args.pop() : null;
    serverSideEvents.push(["ping", ...args]);
    if (cb) cb("pong-node");
  });
  io.on("note", (...args) => serverSideEvents.push(["note", ...args]));

  const describe = (s) => ({ id: s.id, rooms: [...s.rooms], data: s.data, query: s.handshake.query,
    auth: s.handshake.auth, address: s.handshake.address, issued: s.handshake.issued });

  io.of("/control").on("connection", (control) => {
    control.on("broadcast", (cmd, cb) => {
      const args = decode(cmd.args || []);
      io.to(cmd.rooms || []).except(cmd.except || []).emit(cmd.event, ...args);
      cb("ok");
    });
    control.on("fetch", async (cmd, cb) => {
      try {
        const sockets = await io.in(cmd.rooms || []).fetchSockets();
        cb(sockets.map(describe));
      } catch (e) {
        cb({ error: String(e) });
      }
    });
    control.on("remote", async (cmd, cb) => {
      const sockets = await io.fetchSockets();
      const s = sockets.find((x) => x.id === cmd.id);
      if (!s) return cb("no socket " + cmd.id);
      if (cmd.op === "emit") s.emit(cmd.event, cmd.arg);
      if (cmd.op === "join") s.join(cmd.room);
      if (cmd.op === "leave") s.leave(cmd.room);
      if (cmd.op === "disconnect") s.disconnect(!!cmd.close);
      cb("ok");
    });
    control.on("ackBroadcast", (cmd, cb) => {
      io.timeout(3000).emit("ask", "q", (err, responses) => cb({ err: err ? String(err) : null, responses }));
    });
    control.on("serverSideEmit", async (cmd, cb) => {
      try {
        cb({ err: null, responses: await io.serverSideEmitWithAck("ping", 1) });
      } catch (e) {
        cb({ err: String(e), responses: [] });
      }
    });
    control.on("serverSideEvents", (cmd, cb) => cb(serverSideEvents));
    control.on("emitter", (cmd, cb) => {
      let target = emitter;
      if (cmd.rooms && cmd.rooms.length) target = target.to(cmd.rooms);
      target.emit(cmd.event, ...decode(cmd.args || []));
      cb("ok");
    });
    control.on("rooms", async (cmd, cb) => {
      const adapter = io.of("/").adapter;
      cb({ rooms: [...(await adapter.allRooms())], serverCount: await adapter.serverCount() });
    });
    control.on("localRooms", (cmd, cb) => {
      const s = io.of("/").sockets.get(cmd.id);
      cb(s ? [...s.rooms] : null);
    });
  });

  httpServer.listen(0, "127.0.0.1", () => {
    console.log("listening " + httpServer.address().port);
  });

  const stop = () => {
    io.close();
    Promise.allSettled([pubClient.quit(), subClient.quit(), emitterClient.quit()]).finally(() => process.exit(0));
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
