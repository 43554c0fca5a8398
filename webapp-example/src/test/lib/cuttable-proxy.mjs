// A TCP proxy on a free 127.0.0.1 port in front of a server, whose network can be cut as a lost connection cuts it:
// every connection through it reset at once (no close frame, no FIN: RST) and new ones refused with a reset until
// restored. The browser test sends a page through it to try connection state recovery.
import net from 'node:net';
import { freePort } from './processes.mjs';

/** Starts a proxy to 127.0.0.1:targetPort; resolves to { port, cut(), restore(), retarget(port), close() }. */
export async function startCuttableProxy(targetPort) {
  let target = targetPort;
  let down = false;
  const open = new Set();
  const server = net.createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const end = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on('error', end);
      s.on('close', end);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await freePort();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port,
    /** The network goes away: every connection reset, new ones reset until restore(). */
    cut() {
      down = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore() {
      down = false;
    },
    /** Later connections go to another server (a client whose node went away reaches another one). */
    retarget(otherPort) {
      target = otherPort;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
