// socket.io-client 4.x (npm) against the chat on one runtime: three users, one per transport (polling only, WebSocket
// only, polling upgraded to WebSocket), join a room (ack), exchange messages (acks and delivery to the room's other
// users), receive an announcement broadcast by a servlet (POST <announce>), and a bad nickname is refused with
// connect_error; a user behind a TCP proxy loses its network (every connection reset) and comes back with the messages
// it missed (connection state recovery, on in the WAR's web.xml), over WebSocket and over polling. Prints one line
// per step and exits 0 when everything held, 1 otherwise (bounded: 60 s).
//   node chat-clients.mjs <origin> <socket.io path> <announce URL> <room>
import { io } from 'socket.io-client';
import { startCuttableProxy } from '../lib/cuttable-proxy.mjs';

const [origin, path, announceUrl, room] = process.argv.slice(2);
const TIMEOUT_MS = 10000;
const say = (text) => process.stdout.write(text + '\n');
const fail = (text) => { say('FAILED: ' + text); process.exit(1); };
setTimeout(() => fail('not done within 60 s'), 60000).unref();

/** Resolves with the first `event` on `emitter` (its arguments), rejects after TIMEOUT_MS. */
function once(emitter, event, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no ${event} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    emitter.once(event, (...args) => { clearTimeout(timer); resolve(args); });
  });
}

const users = [
  { nick: `${room}-polling`, transports: ['polling'], expect: 'polling' },
  { nick: `${room}-websocket`, transports: ['websocket'], expect: 'websocket' },
  { nick: `${room}-upgrade`, transports: ['polling', 'websocket'], expect: 'websocket' },
];

try {
  // A nickname the @OnConnect handler refuses: connect_error with its message and data.
  const refused = io(origin, { path, auth: { nick: 'not a nick!' }, reconnection: false, forceNew: true });
  const [error] = await once(refused, 'connect_error', 'bad nickname');
  refused.close();
  if (!String(error.message).includes('nickname') || error.data?.reason !== 'nickname') {
    fail(`bad nickname: connect_error ${error.message} ${JSON.stringify(error.data)}`);
  }
  say('bad nickname refused: ' + error.message);

  for (const user of users) {
    user.socket = io(origin, { path, auth: { nick: user.nick }, transports: user.transports, reconnection: false,
      forceNew: true });
    user.messages = [];
    user.announcements = [];
    user.socket.on('message', (m) => user.messages.push(m));
    user.socket.on('announcement', (a) => user.announcements.push(a));
    user.upgraded = user.expect === 'websocket' && user.transports.length > 1
      ? once(user.socket.io, 'open', user.nick).then(() => once(user.socket.io.engine, 'upgrade', user.nick)) : null;
  }
  await Promise.all(users.map((u) => once(u.socket, 'connect', u.nick)));
  await Promise.all(users.filter((u) => u.upgraded).map((u) => u.upgraded));
  for (const u of users) {
    const name = u.socket.io.engine.transport.name;
    if (name !== u.expect) fail(`${u.nick} is on ${name}, expected ${u.expect}`);
  }
  say('connected: ' + users.map((u) => `${u.nick} over ${u.socket.io.engine.transport.name}`).join(', '));

  for (const u of users) {
    const joined = await u.socket.timeout(TIMEOUT_MS).emitWithAck('join', room);
    if (joined !== true) fail(`${u.nick} join: ack ${JSON.stringify(joined)}`);
  }
  say(`all joined ${room}`);

  for (const u of users) {
    const text = `hello from ${u.nick}`;
    const receipt = await u.socket.timeout(TIMEOUT_MS).emitWithAck('message', { room, text });
    if (receipt?.delivered !== true) fail(`${u.nick} message: ack ${JSON.stringify(receipt)}`);
  }
  const deadline = Date.now() + TIMEOUT_MS;
  const complete = () => users.every((u) => users.filter((o) => o !== u)
    .every((o) => u.messages.some((m) => m.from === o.nick && m.text === `hello from ${o.nick}` && m.room === room)));
  while (!complete() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!complete()) fail('messages missing: ' + users.map((u) => `${u.nick} got ${JSON.stringify(u.messages)}`).join('; '));
  if (users.some((u) => u.messages.some((m) => m.from === u.nick))) fail('a sender got its own message back');
  say('messages acknowledged and delivered to the room\'s other users');

  // the network goes away under a user and comes back: the session resumes with what was said meanwhile
  for (const transports of [['websocket'], ['polling']]) {
    const proxy = await startCuttableProxy(Number(new URL(origin).port));
    const nick = `${room}-cut-${transports[0]}`;
    const cut = io(`http://127.0.0.1:${proxy.port}`, { path, auth: { nick }, transports, forceNew: true,
      reconnectionDelay: 200, reconnectionDelayMax: 500 });
    const got = [];
    cut.on('message', (m) => got.push(m.text));
    await once(cut, 'connect', nick);
    if ((await cut.timeout(TIMEOUT_MS).emitWithAck('join', room)) !== true) fail(`${nick} join`);
    const speaker = users[0];
    await speaker.socket.timeout(TIMEOUT_MS).emitWithAck('message', { room, text: `before the cut (${nick})` });
    while (!got.includes(`before the cut (${nick})`)) await new Promise((r) => setTimeout(r, 20));
    const lost = once(cut, 'disconnect', `${nick} cut`);
    proxy.cut();
    const [reason] = await lost;
    for (const k of [1, 2]) {
      await speaker.socket.timeout(TIMEOUT_MS).emitWithAck('message', { room, text: `missed ${k} (${nick})` });
    }
    proxy.restore();
    await once(cut, 'connect', `${nick} back`);
    if (!cut.recovered) fail(`${nick} came back (after "${reason}") without its session`);
    const until = Date.now() + TIMEOUT_MS;
    const missed = () => got.filter((t) => t.startsWith('missed') && t.endsWith(`(${nick})`));
    while (missed().length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    if (JSON.stringify(missed()) !== JSON.stringify([`missed 1 (${nick})`, `missed 2 (${nick})`])) {
      fail(`${nick} recovered but got ${JSON.stringify(got)}`);
    }
    cut.close();
    await proxy.close();
    say(`${transports[0]}: cut off ("${reason}"), resumed its session with the 2 messages it missed`);
  }

  const notice = `announcement for ${room}`;
  const response = await fetch(announceUrl, { method: 'POST', body: notice, headers: { 'Content-Type': 'text/plain' } });
  if (response.status >= 300) fail(`POST ${announceUrl}: ${response.status}`);
  while (!users.every((u) => u.announcements.some((a) => a.text === notice)) && Date.now() < deadline + TIMEOUT_MS) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!users.every((u) => u.announcements.some((a) => a.text === notice))) {
    fail('announcement missing: ' + users.map((u) => `${u.nick} got ${JSON.stringify(u.announcements)}`).join('; '));
  }
  say('announcement from the servlet reached every user');
  for (const u of users) u.socket.close();
  say('OK');
  process.exit(0);
} catch (e) {
  fail(e.stack || String(e));
}
