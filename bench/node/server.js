// The Node reference server of the Socketee benchmarks: socket.io 4.x implementing the bench contract
// (bench/README.md). Started by `bench/server.sh bench --impl node --port P`, which runs `npm ci` first when
// node_modules is missing, then replaces itself with `node --expose-gc server.js --port P`.
//
// Prints "listening on 127.0.0.1:<port> (node)" on standard output once it accepts connections; SIGTERM stops it.
'use strict';

const http = require('http');
const fs = require('fs');
const { Server } = require('socket.io');

function parsePort(argv) {
  let port = 3000;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    if (arg.startsWith('--port=')) {
      value = arg.slice('--port='.length);
    } else if (arg === '--port') {
      value = argv[++i];
    } else {
      console.error(`node bench server: unknown option '${arg}'`);
      process.exit(2);
    }
    if (!/^[0-9]{1,5}$/.test(value || '') || Number(value) > 65535) {
      console.error(`node bench server: bad --port '${value}'`);
      process.exit(2);
    }
    port = Number(value);
  }
  return port;
}

/** Resident set size in bytes, from /proc (what the load generator reads too). */
function rssBytes() {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch (e) { /* not Linux */ }
  return process.memoryUsage().rss;
}

const port = parsePort(process.argv.slice(2));
const httpServer = http.createServer();
const io = new Server(httpServer, {
  path: '/socket.io/',
  transports: ['polling', 'websocket'],
  pingInterval: 25000,
  pingTimeout: 20000,
  maxHttpBufferSize: 1e6,
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
  cors: { origin: '*' },
});

io.on('connection', (socket) => {
  socket.on('echo', (data, ack) => {
    if (typeof ack === 'function') ack(data);
    else socket.emit('echo', data);
  });
  socket.on('join', (room, ack) => {
    socket.join(room);
    if (typeof ack === 'function') ack('ok');
  });
  socket.on('leave', (room, ack) => {
    socket.leave(room);
    if (typeof ack === 'function') ack('ok');
  });
  socket.on('broadcast', (room, payload, ack) => {
    io.to(room).emit('bcast', payload);
    if (typeof ack === 'function') ack('ok');
  });
  // stats([options, ]ack): {connections, heapUsed, rss}; with options {gc: true} a full GC runs first (the
  // process runs with --expose-gc), so that heapUsed is the live heap.
  socket.on('stats', (...args) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    const options = args.length > 1 && args[0] && typeof args[0] === 'object' ? args[0] : {};
    if (options.gc && typeof global.gc === 'function') global.gc();
    ack({
      connections: io.engine.clientsCount,
      heapUsed: process.memoryUsage().heapUsed,
      rss: rssBytes(),
      impl: 'node',
      version: require('socket.io/package.json').version,
    });
  });
});

httpServer.on('error', (err) => {
  console.error(`node bench server: cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});
httpServer.listen(port, '127.0.0.1', () => {
  console.log(`listening on 127.0.0.1:${httpServer.address().port} (node)`);
});

function stop() {
  io.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
