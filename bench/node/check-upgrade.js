// Checks a bench server's WebSocket transport with real clients and raw frames: socket.io-client 4.x and
// engine.io-client (WebSocket only, and polling then upgrade), a 1 MB message, a message over maxHttpBufferSize
// (close 1009), a fragmented message with a character split across the fragments, invalid UTF-8 (1007), an
// unmasked frame and a reserved opcode (1002), ping/pong, the close handshake both ways, and, with --protocol-port
// (a `bench/server.sh protocol` server, pingInterval 300 ms + pingTimeout 200 ms at /engine.io/), the ping timeout.
// Written for the Servlet-upgrade experiment (impls jettyup, tomcatup) and as good for jetty and tomcat.
//
//   node bench/node/check-upgrade.js --port 3790 [--protocol-port 3000]
//
// Exits 0 when every check passed. Bounded: each check times out after 10 s, the whole run after 90 s.
'use strict';
const net = require('net');
const crypto = require('crypto');
const WebSocket = require('ws');
const { io } = require('socket.io-client');
const { Socket: EngineSocket } = require('engine.io-client');

function option(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}
const port = option('--port') || 3790;
const protocolPort = option('--protocol-port');
const base = `127.0.0.1:${port}`;
const LIMIT = 1_000_000;
let failures = 0;

setTimeout(() => { console.log('check-upgrade: FAILED: the whole run took over 90 s'); process.exit(1); }, 90_000).unref();

function within(ms, what, run) {
  return Promise.race([run(), new Promise((_, reject) => setTimeout(() => reject(new Error(`timeout: ${what}`)), ms))]);
}

async function check(name, run) {
  try {
    const detail = await within(10_000, name, run);
    console.log(`  ok  ${name}${detail ? ': ' + detail : ''}`);
  } catch (e) {
    failures++;
    console.log(`  FAIL ${name}: ${e.message}`);
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** A check on a connected socket.io-client socket (no reconnection), disconnected afterwards. */
function withSocketIo(name, transports, run) {
  return check(name, async () => {
    const socket = io(`http://${base}`, { transports, reconnection: false, forceNew: true });
    try {
      await new Promise((resolve, reject) => { socket.on('connect', resolve); socket.on('connect_error', reject); });
      return await run(socket);
    } finally {
      socket.disconnect();
    }
  });
}

// ---------------------------------------------------------------- helpers over ws (a Socket.IO session by hand)

/** A WebSocket on /socket.io/ that has joined namespace / (Engine.IO open, then 40 -> 40{sid}). */
function sioOverWs(path = '/socket.io/') {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${base}${path}?EIO=4&transport=websocket`);
    ws.on('error', reject);
    ws.once('message', (open) => {
      expect(String(open).startsWith('0{'), 'no Engine.IO open packet');
      ws.send('40');
      ws.once('message', (connect) => {
        expect(String(connect).startsWith('40{'), 'no CONNECT answer');
        resolve(ws);
      });
    });
  });
}

function nextMessage(ws) {
  return new Promise((resolve) => ws.once('message', (data, binary) => resolve(binary ? data : String(data))));
}

function closeEvent(ws) {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
}

/** Raw TCP: the handshake by hand, then frames as given (for what ws refuses to send). */
function rawSocket() {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    const key = crypto.randomBytes(16).toString('base64');
    let buffered = Buffer.alloc(0);
    s.on('error', reject);
    s.on('connect', () => s.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${base}\r\n`
      + `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`));
    s.on('data', function onData(d) {
      buffered = Buffer.concat([buffered, d]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffered.subarray(0, end).toString();
      const accept = crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
      if (!head.startsWith('HTTP/1.1 101') || !head.includes(accept)) return reject(new Error('bad handshake: ' + head));
      s.removeListener('data', onData);
      s.frames = parseFrames(s, buffered.subarray(end + 4));
      resolve(s);
    });
  });
}

/** Server frames on a raw socket, as {fin, opcode, payload}: an async queue. */
function parseFrames(s, initial) {
  const frames = [];
  const waiters = [];
  let buf = initial;
  const pump = () => {
    while (buf.length >= 2) {
      let len = buf[1] & 0x7f;
      let off = 2;
      if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
      else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
      if (buf.length < off + len) return;
      const frame = { fin: (buf[0] & 0x80) !== 0, opcode: buf[0] & 0x0f, payload: buf.subarray(off, off + len) };
      buf = buf.subarray(off + len);
      if (waiters.length) waiters.shift()(frame); else frames.push(frame);
    }
  };
  s.on('data', (d) => { buf = Buffer.concat([buf, d]); pump(); });
  let ended = false;
  s.on("close", () => { ended = true; while (waiters.length) waiters.shift()(null); });
  pump();
  return { next: () => frames.length ? Promise.resolve(frames.shift()) : ended ? Promise.resolve(null)
    : new Promise((r) => waiters.push(r)) };
}

function clientFrame(opcode, payload, { fin = true, mask = true } = {}) {
  const p = Buffer.from(payload);
  const header = [(fin ? 0x80 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (p.length < 126) header.push(maskBit | p.length);
  else { header.push(maskBit | 126, p.length >> 8, p.length & 0xff); }
  const key = mask ? crypto.randomBytes(4) : Buffer.alloc(0);
  const body = Buffer.from(p);
  if (mask) for (let i = 0; i < body.length; i++) body[i] ^= key[i & 3];
  return Buffer.concat([Buffer.from(header), key, body]);
}

async function closeCodeOf(socket) {
  while (true) {
    const f = await socket.frames.next();
    if (f === null) return 'no close frame';
    if (f.opcode === 8) return f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
  }
}

// ---------------------------------------------------------------- checks

async function main() {
  console.log(`check-upgrade against ${base}`);

  console.log('socket.io-client 4.x:');
  for (const transports of [['websocket'], ['polling', 'websocket']]) {
    await withSocketIo(`${transports.join('→')}: connect, echo with ack`, transports, async (socket) => {
      if (transports.length > 1) {
        await new Promise((resolve) => socket.io.engine.transport.name === 'websocket' ? resolve()
          : socket.io.engine.once('upgrade', resolve));
      }
      const answer = await socket.timeout(5000).emitWithAck('echo', { hi: 'there', n: [1, 2] });
      expect(JSON.stringify(answer) === '{"hi":"there","n":[1,2]}', 'echo answered ' + JSON.stringify(answer));
      return `over ${socket.io.engine.transport.name}`;
    });
  }
  await withSocketIo('websocket: a 1 MB message (999,000 bytes of text) and its echo', ['websocket'], async (socket) => {
    const big = 'x'.repeat(999_000);
    const answer = await socket.timeout(8000).emitWithAck('echo', big);
    expect(answer === big, 'the echo differs');
    return `${big.length} chars back`;
  });
  await withSocketIo('websocket: binary attachment echo', ['websocket'], async (socket) => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const answer = await socket.timeout(5000).emitWithAck('echo', bytes);
    expect(Buffer.compare(Buffer.from(answer), bytes) === 0, 'binary differs');
  });
  await withSocketIo('websocket: a message over maxHttpBufferSize disconnects the client', ['websocket'],
    async (socket) => {
      const gone = new Promise((resolve) => socket.on('disconnect', resolve));
      socket.emit('echo', 'y'.repeat(LIMIT + 100));
      return `disconnect reason "${await gone}"`;
    });

  console.log('engine.io-client:');
  for (const transports of [['websocket'], ['polling', 'websocket']]) {
    await check(`${transports.join('→')}: open, a Socket.IO CONNECT and an event with ack over Engine.IO`, async () => {
      const socket = new EngineSocket(`ws://${base}`, { path: '/socket.io/', transports });
      try {
        await new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); });
        if (transports.length > 1) {
          await new Promise((resolve) => socket.transport.name === 'websocket' ? resolve() : socket.once('upgrade', resolve));
        }
        const messages = [];
        const got = (prefix) => new Promise((resolve) => {
          const look = () => { const m = messages.find((x) => String(x).startsWith(prefix)); if (m) resolve(m); else setTimeout(look, 5); };
          look();
        });
        socket.on('message', (m) => messages.push(m));
        // engine.io-client frames each message as an Engine.IO message (4 + data): Socket.IO packets without the 4
        socket.send('0');
        await got('0{');
        socket.send('21["echo","héllo €"]');
        const ack = await got('31');
        expect(ack === '31["héllo €"]', 'ack ' + ack);
        return `over ${socket.transport.name}`;
      } finally {
        socket.close();
      }
    });
  }

  console.log('raw frames (ws and TCP):');
  await check('a fragmented text message, "€" split across the fragments, is reassembled', async () => {
    const ws = await sioOverWs();
    const message = Buffer.from('421["echo","ab€cd"]');
    const cut = message.indexOf(0xe2) + 1;  // inside the three bytes of €
    ws.send(message.subarray(0, cut), { binary: false, fin: false });
    ws.send(message.subarray(cut, cut + 2), { binary: false, fin: false });
    ws.send(message.subarray(cut + 2), { binary: false, fin: true });
    const answer = await nextMessage(ws);
    ws.close();
    expect(answer === '431["ab€cd"]', 'answer ' + answer);
    return 'in 3 frames';
  });
  await check('ping is answered with a pong carrying its payload', async () => {
    const ws = await sioOverWs();
    const pong = new Promise((resolve) => ws.once('pong', (data) => resolve(String(data))));
    ws.ping('are you there');
    const data = await pong;
    ws.close();
    expect(data === 'are you there', 'pong ' + data);
  });
  await check('a message over the limit closes with 1009', async () => {
    const ws = await sioOverWs();
    const closed = closeEvent(ws);
    ws.send('4' + 'z'.repeat(LIMIT + 10));
    const { code } = await closed;
    expect(code === 1009, 'close code ' + code);
    return 'code 1009';
  });
  await check('fragments adding up to more than the limit close with 1009', async () => {
    const ws = await sioOverWs();
    const closed = closeEvent(ws);
    const part = 'q'.repeat(400_000);
    ws.send('4' + part, { fin: false });
    ws.send(part, { fin: false });
    ws.send(part, { fin: true });
    const { code } = await closed;
    expect(code === 1009, 'close code ' + code);
  });
  await check('text that is not UTF-8 closes with 1007', async () => {
    const ws = await sioOverWs();
    const closed = closeEvent(ws);
    ws.send(Buffer.from([0x34, 0x61, 0xc3, 0x28]), { binary: false });  // C3 28: a broken 2-byte sequence
    const { code } = await closed;
    expect(code === 1007, 'close code ' + code);
  });
  const rsv1 = clientFrame(1, '40');
  rsv1[0] |= 0x40;
  for (const [what, frame] of [['an unmasked client frame', clientFrame(1, '40', { mask: false })],
    ['a reserved opcode', clientFrame(0x3, 'x')], ['RSV1 set (no extension negotiated)', rsv1]]) {
    await check(`${what} closes with 1002`, async () => {
      const s = await rawSocket();
      await s.frames.next();  // the Engine.IO open packet
      s.write(frame);
      const code = await closeCodeOf(s);
      s.destroy();
      expect(code === 1002, 'close code ' + code);
    });
  }
  await check('server frames are unmasked and final', async () => {
    const s = await rawSocket();
    const open = await s.frames.next();
    s.destroy();
    expect(open.fin && open.opcode === 1 && String(open.payload).startsWith('0{'), 'first frame ' + JSON.stringify(open));
  });
  await check('client close: the server echoes the code and ends the connection', async () => {
    const ws = await sioOverWs();
    const started = Date.now();
    const closed = closeEvent(ws);
    ws.close(4321, 'done here');
    const { code } = await closed;
    const ms = Date.now() - started;
    expect(code === 4321, 'close code ' + code);
    expect(ms < 1500, `the connection ended after ${ms} ms (no prompt end after the echo)`);
    return `echoed 4321, ended in ${ms} ms`;
  });
  await check('server close (Engine.IO close packet from the client): close frame 1000, connection ends', async () => {
    const ws = await sioOverWs();
    const started = Date.now();
    const closed = closeEvent(ws);
    ws.send('1');
    const { code } = await closed;
    const ms = Date.now() - started;
    expect(code === 1000, 'close code ' + code);
    expect(ms < 1500, `ended after ${ms} ms`);
    return `code 1000 in ${ms} ms`;
  });
  if (protocolPort) {
    await check('ping timeout (protocol server, 300 + 200 ms): a client that never answers is closed', async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${protocolPort}/engine.io/?EIO=4&transport=websocket`);
      const started = Date.now();
      const pings = [];
      ws.on('message', (m) => { if (String(m) === '2') pings.push(Date.now() - started); });
      const { code } = await closeEvent(ws);
      const ms = Date.now() - started;
      expect(ms >= 400 && ms < 3000, `closed after ${ms} ms`);
      return `close ${code} after ${ms} ms, ${pings.length} ping(s) unanswered`;
    });
    await check('heartbeat (protocol server): a client that answers stays, its echo works after 1 s', async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${protocolPort}/engine.io/?EIO=4&transport=websocket`);
      let echoed = null;
      ws.on('message', (m) => { m = String(m); if (m === '2') ws.send('3'); else if (m.startsWith('4')) echoed = m; });
      await new Promise((r) => setTimeout(r, 1000));
      expect(ws.readyState === WebSocket.OPEN, 'closed within 1 s');
      ws.send('4still here');
      await new Promise((r) => setTimeout(r, 200));
      ws.close();
      expect(echoed === '4still here', 'echo ' + echoed);
    });
  }

  console.log(failures === 0 ? 'check-upgrade: all checks passed' : `check-upgrade: ${failures} check(s) FAILED`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e) => { console.log('check-upgrade: FAILED: ' + e.stack); process.exit(1); });
