// Browser test of the chat example: two headless Chromium pages on the WAR served by embedded Jetty 12.
// Join a room, chat both ways (the sender sees "delivered"), typing indicator, user list, an image from one page
// to the other, a private message; a third page behind a proxy loses its network and comes back with what was said
// meanwhile (connection state recovery); then the server restarts and both pages reconnect and chat again; then the Admin
// UI's dashboard (served by the WAR, nothing from outside) shows both users' sockets and the room, and disconnects
// alice with its button.
// Run by `mvn -f webapp-example/pom.xml verify` (integration-test); skipped when /usr/bin/chromium is missing.
// Screenshots: target/browser-test/*.png
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { disconnectFromDashboard } from '../lib/admin-ui.mjs';
import { startCuttableProxy } from '../lib/cuttable-proxy.mjs';
import { freePort, freePorts, startRedis, stopProcess as stopServer, which } from '../lib/processes.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const out = path.join(root, 'target', 'browser-test');
const war = path.join(root, 'target', 'socketee-chat.war');
const classpath = [path.join(root, 'server/target/socketee-chat-server.jar'), path.join(root, 'server/target/lib/*')]
  .join(path.delimiter);

if (!existsSync(CHROMIUM)) {
  console.log(`[browser-test] SKIPPED: ${CHROMIUM} not found (Debian: apt-get install -y chromium)`);
  process.exit(0);
}
const { chromium } = await import('playwright-core');
rmSync(out, { recursive: true, force: true });   // no stale screenshots
mkdirSync(out, { recursive: true });

function startServer(port, redisUrl, streams = false) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.SOCKETIO_REDIS_URL;
    delete env.SOCKETIO_REDIS_STREAMS_URL;
    if (redisUrl) env[streams ? 'SOCKETIO_REDIS_STREAMS_URL' : 'SOCKETIO_REDIS_URL'] = redisUrl;
    const proc = spawn('java', ['-cp', classpath, 'io.socketee.example.server.ChatServer', '--war', war, '--port',
      String(port)], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let log = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('server did not start:\n' + log)); },
      60000);
    proc.stdout.on('data', (d) => {
      log += d;
      if (/LISTENING \d+/.test(log)) { clearTimeout(timer); resolve(proc); }
    });
    proc.stderr.on('data', (d) => { log += d; if (process.env.SERVER_LOG) process.stderr.write(d); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${log}`)); });
  });
}

const step = (text) => process.stdout.write('[browser-test] ' + text + '\n');
let server;
let node2;
let redis;
let proxy;
let browser;
let failed = false;
const pages = [];
const port = await freePort();
const url = `http://127.0.0.1:${port}/`;
try {
  server = await startServer(port);
  step(`server on ${url}`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({ viewport: { width: 720, height: 520 } });
  const alice = await context.newPage();
  const bob = await context.newPage();
  pages.push(['alice', alice], ['bob', bob]);
  for (const page of [alice, bob]) {
    page.setDefaultTimeout(15000);
    page.on('pageerror', (e) => console.error('[page error]', e));
  }

  async function enter(page, nick, at = url) {
    await page.goto(at);
    await page.fill('#nick', nick);
    await page.click('#enter');
    await page.waitForSelector('body[data-connected="true"]');
    await page.fill('#room', 'lobby');
    await page.click('#join');
    await page.waitForSelector('body[data-room="lobby"]');
  }

  async function say(from, to, text) {
    await from.fill('#text', text);
    await from.click('#send');
    await from.locator('#messages li.mine', { hasText: text }).locator('.status', { hasText: 'delivered' })
      .waitFor();
    await to.locator('#messages li', { hasText: text }).waitFor();
  }

  step('bad nickname refused');
  await alice.goto(url);
  await alice.fill('#nick', 'no spaces allowed');
  await alice.evaluate(() => document.getElementById('nick').removeAttribute('pattern'));
  await alice.click('#enter');
  await alice.locator('#login-error', { hasText: 'nickname' }).waitFor();

  step('both join #lobby');
  await enter(alice, 'alice');
  await enter(bob, 'bob');
  for (const page of [alice, bob]) {
    await page.locator('#users li[data-nick="alice"]').waitFor();
    await page.locator('#users li[data-nick="bob"]').waitFor();
  }

  step('chat both ways, acks show "delivered"');
  await say(alice, bob, 'hello bob');
  await say(bob, alice, 'hi alice');

  step('typing indicator');
  await alice.type('#text', 'typ', { delay: 20 });
  await bob.locator('#typing', { hasText: 'alice is typing' }).waitFor();
  await alice.fill('#text', '');

  step('image as a binary attachment');
  const png = await alice.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 64; c.height = 48;
    const g = c.getContext('2d');
    g.fillStyle = '#e74c3c'; g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#fff'; g.font = 'bold 20px sans-serif'; g.fillText('img', 14, 32);
    return c.toDataURL('image/png').split(',')[1];
  });
  await alice.setInputFiles('#image', { name: 'red.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
  await alice.locator('#messages li.mine', { hasText: 'red.png' }).locator('.status', { hasText: 'delivered' })
    .waitFor();
  const img = bob.locator('#messages li', { hasText: 'red.png' }).locator('img');
  await img.waitFor();
  await bob.waitForFunction(() => [...document.querySelectorAll('#messages img')]
    .some((i) => i.complete && i.naturalWidth === 64 && i.naturalHeight === 48));

  step('private message');
  await bob.fill('#to', 'alice');
  await bob.fill('#text', 'psst, alice');
  await bob.click('#send');
  await bob.locator('#messages li.private', { hasText: 'psst, alice' }).locator('.status', { hasText: 'delivered' })
    .waitFor();
  await alice.locator('#messages li.private', { hasText: 'psst, alice' }).waitFor();
  await bob.fill('#to', '');
  await alice.screenshot({ path: path.join(out, 'alice.png') });
  await bob.screenshot({ path: path.join(out, 'bob.png') });

  step('network cut: carol, behind a proxy, comes back to #lobby with what was said meanwhile (recovery)');
  proxy = await startCuttableProxy(port);
  const carol = await context.newPage();
  carol.setDefaultTimeout(15000);
  pages.push(['carol', carol]);
  await enter(carol, 'carol', `http://127.0.0.1:${proxy.port}/`);
  await bob.locator('#users li[data-nick="carol"]').waitFor();
  // (a client resumes from the offset of the last event it received: one that received none cannot, as on Node)
  await say(bob, carol, 'welcome, carol');
  proxy.cut();
  await carol.waitForSelector('body[data-connected="false"]');
  await carol.locator('#banner').waitFor({ state: 'visible' });
  await bob.locator('#messages li', { hasText: 'carol left #lobby' }).waitFor();
  await say(bob, alice, 'said while carol was away');
  await say(bob, alice, 'and this too');
  proxy.restore();
  await carol.waitForSelector('body[data-connected="true"][data-recovered="true"]', { timeout: 30000 });
  await carol.locator('#banner').waitFor({ state: 'hidden' });
  const missed = await carol.$$eval('#messages li', (lis) => lis.map((li) => li.innerText));
  const first = missed.findIndex((t) => t.includes('said while carol was away'));
  const second = missed.findIndex((t) => t.includes('and this too'));
  if (first < 0 || second < first) throw new Error('carol missed what bob said: ' + JSON.stringify(missed));
  if (missed.some((t) => t.includes('carol left'))) throw new Error('carol was replayed her own departure');
  await bob.locator('#users li[data-nick="carol"]').waitFor();
  await say(carol, bob, 'back, with nothing missed');
  await carol.screenshot({ path: path.join(out, 'carol-recovered.png') });
  await carol.close();
  pages.pop();

  step('server restart: banner, reconnect, chat again');
  await stopServer(server);
  server = null;
  for (const page of [alice, bob]) {
    await page.locator('#banner').waitFor({ state: 'visible' });
  }
  await alice.screenshot({ path: path.join(out, 'alice-disconnected.png') });
  server = await startServer(port);
  for (const page of [alice, bob]) {
    await page.waitForSelector('body[data-connected="true"]', { timeout: 30000 });
    await page.locator('#banner').waitFor({ state: 'hidden' });
    await page.locator('#users li[data-nick="alice"]').waitFor();
    await page.locator('#users li[data-nick="bob"]').waitFor();
  }
  await say(alice, bob, 'back again, bob');
  await say(bob, alice, 'welcome back, alice');
  await alice.screenshot({ path: path.join(out, 'alice-after-restart.png') });
  await bob.screenshot({ path: path.join(out, 'bob-after-restart.png') });
  // the two pages side by side in one picture
  const side = await context.newPage();
  await side.setViewportSize({ width: 1480, height: 540 });
  const data = (page) => page.screenshot().then((b) => 'data:image/png;base64,' + b.toString('base64'));
  const [a, b] = [await data(alice), await data(bob)];
  await side.setContent(`<body style="margin:0;display:flex;gap:20px;background:#888">
    <img src="${a}" style="border:0"><img src="${b}" style="border:0"></body>`);
  await side.waitForFunction(() => [...document.images].every((i) => i.complete));
  await side.screenshot({ path: path.join(out, 'two-pages.png') });
  for (const page of [alice, bob]) {
    const problem = await page.textContent('#problem');
    if (problem) throw new Error('unexpected problem shown: ' + problem);
  }

  step('admin UI: the dashboard shows both users\' sockets and #lobby; its disconnect button reaches alice');
  const { admin } = await disconnectFromDashboard(context, url, { nicks: ['alice', 'bob'], room: 'lobby' });
  await alice.locator('#banner').waitFor({ state: 'visible' });
  await alice.waitForSelector('body[data-connected="false"]');
  if (await bob.getAttribute('body', 'data-connected') !== 'true') throw new Error('bob was disconnected too');
  await admin.goto(url + 'socket.io-admin/#/');
  await admin.waitForSelector('canvas');
  await admin.screenshot({ path: path.join(out, 'admin-ui.png') });
  await context.close();

  // the same chat across two nodes joined through Redis (skipped without redis-server)
  if (!which('redis-server')) {
    step('cluster part SKIPPED: redis-server not found (Debian: apt-get install -y redis-server)');
  } else {
    step('cluster: two nodes through Redis, alice on one, bob on the other');
    await stopServer(server);
    server = null;
    const [redisPort, ...ports] = await freePorts(3);
    redis = await startRedis(redisPort);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    node2 = await startServer(ports[1], redisUrl);
    server = await startServer(ports[0], redisUrl);
    const cluster = await browser.newContext({ viewport: { width: 720, height: 520 } });
    const [a2, b2] = [await cluster.newPage(), await cluster.newPage()];
    for (const page of [a2, b2]) page.setDefaultTimeout(15000);
    const enterAt = async (page, p, nick) => {
      await page.goto(`http://127.0.0.1:${p}/`);
      await page.fill('#nick', nick);
      await page.click('#enter');
      await page.waitForSelector('body[data-connected="true"]');
      await page.fill('#room', 'lobby');
      await page.click('#join');
      await page.waitForSelector('body[data-room="lobby"]');
    };
    await enterAt(a2, ports[0], 'alice');
    await enterAt(b2, ports[1], 'bob');
    for (const page of [a2, b2]) {
      await page.locator('#users li[data-nick="alice"]').waitFor();
      await page.locator('#users li[data-nick="bob"]').waitFor();
    }
    await say(a2, b2, 'hello across nodes');
    await say(b2, a2, 'hello from node 2');
    await a2.setInputFiles('#image', { name: 'red.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await b2.locator('#messages li', { hasText: 'red.png' }).locator('img').waitFor();
    await b2.fill('#to', 'alice');
    await b2.fill('#text', 'private across nodes');
    await b2.click('#send');
    await a2.locator('#messages li.private', { hasText: 'private across nodes' }).waitFor();
    await a2.screenshot({ path: path.join(out, 'cluster-alice-node1.png') });
    await b2.screenshot({ path: path.join(out, 'cluster-bob-node2.png') });
    await cluster.close();

    step('Streams cluster: carol, cut off from node 1, resumes on node 2 with what bob said meanwhile');
    await stopServer(server);
    await stopServer(node2);
    server = null;
    node2 = null;
    node2 = await startServer(ports[1], redisUrl, true);
    server = await startServer(ports[0], redisUrl, true);
    const streams = await browser.newContext({ viewport: { width: 720, height: 520 } });
    const [c3, b3] = [await streams.newPage(), await streams.newPage()];
    for (const page of [c3, b3]) page.setDefaultTimeout(15000);
    pages.push(['carol-streams', c3], ['bob-streams', b3]);
    const toNode1 = await startCuttableProxy(ports[0]);
    try {
      await enterAt(c3, toNode1.port, 'carol');
      await enterAt(b3, ports[1], 'bob');
      await b3.locator('#users li[data-nick="carol"]').waitFor();
      await say(b3, c3, 'hello carol, from node 2');
      toNode1.cut();
      toNode1.retarget(ports[1]);   // the network comes back by way of the other node
      await c3.waitForSelector('body[data-connected="false"]');
      await b3.locator('#messages li', { hasText: 'carol left #lobby' }).waitFor();
      await say(b3, b3, 'said while carol was away (streams)');
      await say(b3, b3, 'and this too (streams)');
      toNode1.restore();
      await c3.waitForSelector('body[data-connected="true"][data-recovered="true"]', { timeout: 30000 });
      const seen = await c3.$$eval('#messages li', (lis) => lis.map((li) => li.innerText));
      const i1 = seen.findIndex((t) => t.includes('said while carol was away (streams)'));
      const i2 = seen.findIndex((t) => t.includes('and this too (streams)'));
      if (i1 < 0 || i2 < i1) throw new Error('carol missed what bob said (streams): ' + JSON.stringify(seen));
      await say(c3, b3, 'back on node 2, nothing missed');
      await c3.screenshot({ path: path.join(out, 'streams-carol-resumed-on-node2.png') });
    } finally {
      await toNode1.close();
    }
    await streams.close();
    pages.splice(-2, 2);
  }
  step(`PASSED (screenshots in ${out}, both pages: two-pages.png)`);
} catch (e) {
  failed = true;
  console.error('[browser-test] FAILED:', e);
  for (const [name, page] of pages) {
    try {
      await page.screenshot({ path: path.join(out, `failed-${name}.png`) });
      console.error(`[browser-test] ${name}'s page:\n` + await page.evaluate(() => document.body.innerText));
    } catch (ignored) { /* page closed */ }
  }
} finally {
  if (browser) await browser.close().catch(() => {});
  if (proxy) await proxy.close();
  if (server) await stopServer(server);
  if (node2) await stopServer(node2);
  if (redis) redis.kill('SIGTERM');
}
process.exit(failed ? 1 : 0);
