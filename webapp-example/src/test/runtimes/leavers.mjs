// Two users of the chat that stay connected (one over WebSocket, one over polling) until the server goes away: prints
// READY once both are connected, then "DISCONNECTED <nick> <reason>" for each, and exits 0 when both are gone, 1 when
// not within 60 s. The runtime tests undeploy the chat after READY.
//   node leavers.mjs <origin> <socket.io path> <prefix>
import { io } from 'socket.io-client';

const [origin, path, prefix] = process.argv.slice(2);
setTimeout(() => { process.stdout.write('FAILED: still connected after 60 s\n'); process.exit(1); }, 60000).unref();
const users = [['websocket', ['websocket']], ['polling', ['polling']]].map(([name, transports]) => {
  const nick = `${prefix}-${name}`;
  const socket = io(origin, { path, auth: { nick }, transports, reconnection: false, forceNew: true });
  socket.on('connect_error', (e) => { process.stdout.write(`FAILED: ${nick} connect_error ${e.message}\n`); process.exit(1); });
  return { nick, socket, connected: new Promise((r) => socket.once('connect', r)),
    gone: new Promise((r) => socket.once('disconnect', (reason) => { process.stdout.write(`DISCONNECTED ${nick} ${reason}\n`); r(); })) };
});
await Promise.all(users.map((u) => u.connected));
process.stdout.write('READY\n');
await Promise.all(users.map((u) => u.gone));
process.exit(0);
