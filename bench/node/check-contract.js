// Checks that a running bench server honours the bench contract (bench/README.md) with a real socket.io-client 4.x:
// over WebSocket (direct) and over long-polling, echo with and without ack, join + broadcast (to a second client),
// leave, and stats (with a forced GC). Exits 0 when every check passed, 1 otherwise; bounded by a 20 s timeout.
//
//   node bench/node/check-contract.js --port 3000
'use strict';

const { io } = require('socket.io-client');

let port = 3000;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--port') port = Number(argv[++i]);
  else if (argv[i].startsWith('--port=')) port = Number(argv[i].slice(7));
  else { console.error(`check-contract: unknown option '${argv[i]}'`); process.exit(2); }
}
const url = `http://127.0.0.1:${port}`;

const deadline = setTimeout(() => {
  console.error('check-contract: FAILED: timed out after 20 s');
  process.exit(1);
}, 20000);

function connect(transports) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports, forceNew: true, reconnection: false, timeout: 5000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(new Error(`${transports} connect: ${err.message}`)));
  });
}

function ack(socket, ...args) {
  return socket.timeout(5000).emitWithAck(...args);
}

function once(socket, event) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within 5 s`)), 5000);
    socket.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });
}

function check(condition, what) {
  if (!condition) throw new Error(what);
  console.log(`  ok  ${what}`);
}

async function transportChecks(transports) {
  const name = transports.join('+');
  console.log(`${name}:`);
  const a = await connect(transports);
  const b = await connect(transports);
  try {
    check(a.io.engine.transport.name === transports[0], `${name}: connected over ${a.io.engine.transport.name}`);
    const payload = { text: 'héllo', n: 42, list: [1, 'two', null] };
    check(JSON.stringify(await ack(a, 'echo', payload)) === JSON.stringify(payload), `${name}: echo acks the data`);
    const back = once(a, 'echo');
    a.emit('echo', 'no-ack');
    check((await back)[0] === 'no-ack', `${name}: echo without ack emits 'echo' back`);
    check((await ack(b, 'join', 'room1')) === 'ok', `${name}: join acks "ok"`);
    const got = once(b, 'bcast');
    check((await ack(a, 'broadcast', 'room1', { x: 1 })) === 'ok', `${name}: broadcast acks "ok"`);
    check(JSON.stringify((await got)[0]) === '{"x":1}', `${name}: the room gets 'bcast' with the payload`);
    check((await ack(b, 'leave', 'room1')) === 'ok', `${name}: leave acks "ok"`);
    let stray = false;
    b.once('bcast', () => { stray = true; });
    await ack(a, 'broadcast', 'room1', 'after-leave');
    await ack(b, 'echo', 'barrier');  // b's own answer arrives after anything sent to it before
    check(!stray, `${name}: no 'bcast' after leave`);
    const stats = await ack(a, 'stats');
    check(Number.isFinite(stats.connections) && stats.connections >= 2, `${name}: stats.connections = ${stats.connections}`);
    check(Number.isFinite(stats.heapUsed) && stats.heapUsed > 0, `${name}: stats.heapUsed = ${stats.heapUsed}`);
    check(Number.isFinite(stats.rss) && stats.rss > 0, `${name}: stats.rss = ${stats.rss}`);
    const gc = await ack(a, 'stats', { gc: true });
    check(Number.isFinite(gc.heapUsed) && gc.heapUsed > 0, `${name}: stats({gc: true}).heapUsed = ${gc.heapUsed}`);
  } finally {
    a.close();
    b.close();
    // Let the close packets go out (a polling close is a POST), so that no session lingers on the server.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

(async () => {
  try {
    await transportChecks(['websocket']);
    await transportChecks(['polling']);
    console.log('check-contract: all checks passed');
    clearTimeout(deadline);
    process.exit(0);
  } catch (e) {
    console.error(`check-contract: FAILED: ${e.message}`);
    process.exit(1);
  }
})();
