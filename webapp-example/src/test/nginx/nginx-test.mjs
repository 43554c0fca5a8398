// The deployment of deploy/: the chat WAR on a stock Jetty 12 (jetty-home) and a stock Tomcat 11 (both unpacked from
// Maven Central by the build), the two joined through the Debian redis-server, behind the Debian nginx with
// deploy/nginx/socketee-chat.conf. Real socket.io-client 4.x (npm) clients through nginx: polling only, WebSocket only
// and polling upgraded to WebSocket, on both nodes; messages and the user list cross nodes; over 1,000 polls no
// request is answered 400 ("Session ID unknown" and the like); headless Chromium on the chat page through nginx talks to
// a client of the other node; the Admin UI dashboard served by the Tomcat node lists and disconnects its sockets;
// both nodes stop without a warning in their logs.
// Every process listens on a free 127.0.0.1 port and is stopped at the end. Skipped without nginx or redis-server.
// Run by `mvn -f webapp-example/pom.xml verify` (integration-test). Logs: target/nginx-test/.
import { spawn } from 'node:child_process';
import { cpSync, chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { disconnectFromDashboard } from '../lib/admin-ui.mjs';
import { freePorts, startRedis, stopProcess, waitForPort, which } from '../lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const deploy = path.join(root, 'deploy');
const work = path.join(root, 'target', 'nginx-test');
const war = path.join(root, 'target', 'socketee-chat.war');
const dist = path.join(root, 'target', 'dist');
const POLLS = 1000;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const DEADLINE_MS = 240000;

const step = (text) => process.stdout.write('[nginx-test] ' + text + '\n');
const nginxBin = which('nginx');
if (!nginxBin || !which('redis-server')) {
  step(`SKIPPED: needs nginx and redis-server (Debian: apt-get install -y nginx redis-server)`);
  process.exit(0);
}
const home = (prefix) => {
  const found = existsSync(dist) && readdirSync(dist).find((d) => d.startsWith(prefix));
  if (!found) throw new Error(`no ${prefix}* in ${dist} (the build unpacks it in pre-integration-test)`);
  return path.join(dist, found);
};

/** `text` with each `from` replaced by its `to`; fails when a `from` is missing (the deploy files changed). */
function substitute(text, replacements, file) {
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
    text = text.split(from).join(to);
  }
  return text;
}

function spawnLogged(name, command, args, options) {
  const log = path.join(work, `${name}.log`);
  writeFileSync(log, '');
  const proc = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const append = (d) => writeFileSync(log, d, { flag: 'a' });
  proc.stdout.on('data', append);
  proc.stderr.on('data', append);
  proc.logFile = log;
  return proc;
}

/** Resolves when GET url answers 200; rejects after timeoutMs (with the node's log). */
async function waitForHttp(url, timeoutMs, proc) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) break;
    const status = await new Promise((resolve) => {
      http.get(url, (res) => { res.resume(); resolve(res.statusCode); }).on('error', () => resolve(0));
    });
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms; log:\n` + readFileSync(proc.logFile, 'utf8').slice(-4000));
}

async function startJetty(port, redisUrl) {
  const jettyHome = home('jetty-home-');
  const base = path.join(work, 'jetty-base');
  mkdirSync(path.join(base, 'webapps'), { recursive: true });
  const setup = spawnLogged('jetty-setup', 'java', ['-jar', path.join(jettyHome, 'start.jar'),
    '--add-modules=http,ee10-deploy,ee10-websocket-jakarta,ee10-cdi-decorate'], { cwd: base });
  const code = await new Promise((resolve) => setup.on('exit', resolve));
  if (code !== 0) throw new Error('jetty --add-modules failed:\n' + readFileSync(setup.logFile, 'utf8'));
  const file = path.join(deploy, 'jetty', 'socketee-chat.xml');
  writeFileSync(path.join(base, 'webapps', 'socketee-chat.xml'), substitute(readFileSync(file, 'utf8'), [
    ['/opt/socketee/socketee-chat.war', war], ['redis://127.0.0.1:6379', redisUrl]], file));
  const proc = spawnLogged('jetty', 'java', ['-jar', path.join(jettyHome, 'start.jar'), 'jetty.http.host=127.0.0.1',
    `jetty.http.port=${port}`], { cwd: base });
  return proc;
}

function startTomcat(port, redisUrl) {
  const catalinaHome = home('apache-tomcat-');
  const base = path.join(work, 'tomcat-base');
  for (const dir of ['logs', 'temp', 'webapps', 'work', 'conf/Catalina/localhost']) {
    mkdirSync(path.join(base, dir), { recursive: true });
  }
  cpSync(path.join(catalinaHome, 'conf'), path.join(base, 'conf'), { recursive: true });
  // the stock server.xml, on a free loopback port, without the shutdown port (SIGTERM stops it)
  const serverXml = path.join(base, 'conf', 'server.xml');
  writeFileSync(serverXml, substitute(readFileSync(serverXml, 'utf8'), [
    ['<Server port="8005"', '<Server port="-1"'],
    ['<Connector port="8080" protocol="HTTP/1.1"', `<Connector address="127.0.0.1" port="${port}" protocol="HTTP/1.1"`],
  ], serverXml));
  const file = path.join(deploy, 'tomcat', 'ROOT.xml');
  writeFileSync(path.join(base, 'conf', 'Catalina', 'localhost', 'ROOT.xml'), substitute(readFileSync(file, 'utf8'), [
    ['/opt/socketee/socketee-chat.war', war], ['redis://127.0.0.1:6379', redisUrl]], file));
  return spawnLogged('tomcat', path.join(catalinaHome, 'bin', 'catalina.sh'), ['run'],
    { env: { ...process.env, CATALINA_HOME: catalinaHome, CATALINA_BASE: base, CATALINA_PID: '' } });
}

async function startNginx(port, jettyPort, tomcatPort) {
  const prefix = path.join(work, 'nginx');
  mkdirSync(prefix, { recursive: true });
  chmodSync(prefix, 0o777);   // the workers may run as another user (nobody) and write temporary files here
  const file = path.join(deploy, 'nginx', 'socketee-chat.conf');
  writeFileSync(path.join(prefix, 'socketee-chat.conf'), substitute(readFileSync(file, 'utf8'), [
    ['listen 127.0.0.1:8080;', `listen 127.0.0.1:${port};`],
    ['server 127.0.0.1:8081;', `server 127.0.0.1:${jettyPort};`],
    ['server 127.0.0.1:8082;', `server 127.0.0.1:${tomcatPort};`]], file));
  // a minimal main configuration around the deploy file, everything under target/
  writeFileSync(path.join(prefix, 'nginx.conf'), `
daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  log_format upstream '$remote_addr "$request" $status $upstream_addr';
  access_log ${prefix}/access.log upstream;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/socketee-chat.conf;
}
`);
  const proc = spawnLogged('nginx', nginxBin, ['-p', prefix, '-e', `${prefix}/error.log`, '-c',
    path.join(prefix, 'nginx.conf')], {});
  await waitForPort(port, 10000, 'nginx');
  return proc;
}

/** Which node nginx sends a client from `localAddress` to: its X-Upstream header on a polling handshake. */
function upstreamOf(base, localAddress) {
  return new Promise((resolve, reject) => {
    http.get(`${base}/socket.io/?EIO=4&transport=polling`, { localAddress, agent: false }, (res) => {
      res.resume();
      resolve(res.headers['x-upstream']);
    }).on('error', reject);
  });
}

const clients = [];

/** A chat client from `localAddress` through nginx, connected with `nick`, in room `room`. */
async function join(base, localAddress, nick, transports, room) {
  const agent = new http.Agent({ keepAlive: true, localAddress });
  const socket = io(base, { transports, agent, auth: { nick }, reconnection: false, forceNew: true });
  clients.push(socket);
  socket.errors = [];
  socket.on('connect_error', (e) => socket.errors.push('connect_error: ' + e.message));
  socket.on('disconnect', (reason) => socket.errors.push('disconnect: ' + reason));
  socket.on('problem', (text) => socket.errors.push('problem: ' + text));
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const joined = await socket.timeout(10000).emitWithAck('join', room);
  if (joined !== true) throw new Error(`${nick}: join answered ${joined}`);
  return socket;
}

function waitForEvent(socket, event, predicate, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 10000);
    const listener = (...args) => {
      if (predicate(...args)) {
        clearTimeout(timer);
        socket.off(event, listener);
        resolve(args);
      }
    };
    socket.on(event, listener);
  });
}

/** `from` says `text` in `room`: its ack says delivered, and every one of `to` receives it. */
async function say(from, to, room, text) {
  const received = to.map((s) => waitForEvent(s, 'message', (m) => m.text === text, `"${text}" at ${s.auth.nick}`));
  const receipt = await from.timeout(10000).emitWithAck('message', { room, text });
  if (!receipt || receipt.delivered !== true) throw new Error(`no delivered receipt for "${text}"`);
  await Promise.all(received);
}

async function users(socket, room) {
  const answer = await socket.timeout(10000).emitWithAck('users', room);
  return answer.users;
}

let redis;
let browser;
let jetty;
let tomcat;
let nginx;
let failed = false;
const overall = setTimeout(() => {
  console.error(`[nginx-test] FAILED: not done within ${DEADLINE_MS} ms`);
  for (const p of [nginx, tomcat, jetty, redis]) if (p) p.kill('SIGKILL');
  process.exit(1);
}, DEADLINE_MS);
try {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const [redisPort, jettyPort, tomcatPort, nginxPort] = await freePorts(4);
  redis = await startRedis(redisPort);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  step(`redis-server on ${redisPort}; starting stock Jetty on ${jettyPort} and stock Tomcat on ${tomcatPort}`);
  jetty = await startJetty(jettyPort, redisUrl);
  tomcat = startTomcat(tomcatPort, redisUrl);
  await Promise.all([
    waitForHttp(`http://127.0.0.1:${jettyPort}/socket.io/socket.io.min.js`, 90000, jetty),
    waitForHttp(`http://127.0.0.1:${tomcatPort}/socket.io/socket.io.min.js`, 90000, tomcat),
  ]);
  nginx = await startNginx(nginxPort, jettyPort, tomcatPort);
  const base = `http://127.0.0.1:${nginxPort}`;
  step(`nginx on ${nginxPort} in front of both`);

  // the page and the bundle come through nginx too
  const page = await new Promise((resolve, reject) => http.get(`${base}/`, (res) => {
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => resolve(body));
  }).on('error', reject));
  if (!page.includes('socket.io/socket.io.min.js')) throw new Error('the chat page did not come through nginx');

  // client addresses (127.0.0.x) that nginx sends to each node
  const nodes = { [`127.0.0.1:${jettyPort}`]: 'jetty', [`127.0.0.1:${tomcatPort}`]: 'tomcat' };
  const byNode = { jetty: [], tomcat: [] };
  for (let i = 1; i <= 60 && (byNode.jetty.length < 3 || byNode.tomcat.length < 3); i++) {
    const address = `127.0.0.${i}`;
    const node = nodes[await upstreamOf(base, address)];
    if (!node) throw new Error(`unexpected upstream for ${address}`);
    if (byNode[node].length < 3) byNode[node].push(address);
  }
  if (byNode.jetty.length < 3 || byNode.tomcat.length < 3) {
    throw new Error('nginx did not spread 60 client addresses over both nodes: ' + JSON.stringify(byNode));
  }
  step(`client addresses on Jetty ${byNode.jetty.join(', ')}; on Tomcat ${byNode.tomcat.join(', ')}`);

  const modes = [['polling only', ['polling']], ['websocket only', ['websocket']],
    ['upgrade', ['polling', 'websocket']]];
  for (const [i, [mode, transports]] of modes.entries()) {
    const room = `room-${i}`;
    const onJetty = await join(base, byNode.jetty[i], `j${i}`, transports, room);
    const onTomcat = await join(base, byNode.tomcat[i], `t${i}`, transports, room);
    if (transports.length === 2) {
      for (const s of [onJetty, onTomcat]) {
        if (s.io.engine.transport.name !== 'websocket') {
          await new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('no upgrade through nginx')), 10000);
            s.io.engine.once('upgrade', () => { clearTimeout(timer); resolve(); });
          });
        }
      }
    }
    const expected = transports.length === 1 ? transports[0] : 'websocket';
    for (const s of [onJetty, onTomcat]) {
      if (s.io.engine.transport.name !== expected) {
        throw new Error(`${mode}: transport ${s.io.engine.transport.name}, expected ${expected}`);
      }
    }
    await say(onJetty, [onTomcat], room, `${mode}: hello from Jetty`);
    await say(onTomcat, [onJetty], room, `${mode}: hello from Tomcat`);
    const list = await users(onJetty, room);
    if (JSON.stringify(list) !== JSON.stringify([`j${i}`, `t${i}`])) {
      throw new Error(`${mode}: users of ${room} seen from Jetty: ${JSON.stringify(list)}`);
    }
    step(`${mode}: messages cross nodes both ways, user list is cluster-wide`);
  }

  // a broadcast from a client of one node reaches the clients of the other: one room, every client in it
  const everyone = clients.slice();
  for (const s of everyone) {
    const joined = await s.timeout(10000).emitWithAck('join', 'all');
    if (joined !== true) throw new Error('join all failed');
  }
  await say(everyone[0], everyone.slice(1), 'all', 'to everyone, from Jetty');
  await say(everyone[1], [everyone[0], ...everyone.slice(2)], 'all', 'to everyone, from Tomcat');
  step(`a message from each node reached all ${everyone.length - 1} other clients`);

  // long-polling through nginx: acked messages until over POLLS polling requests have passed, none answered 400
  const pollers = [await join(base, byNode.jetty[0], 'pj', ['polling'], 'polls'),
    await join(base, byNode.tomcat[0], 'pt', ['polling'], 'polls')];
  const accessLog = path.join(work, 'nginx', 'access.log');
  const pollingRequests = () => readFileSync(accessLog, 'utf8').split('\n').filter((l) => l.includes('transport=polling'));
  const before = pollingRequests().length;
  let sent = 0;
  while (pollingRequests().length - before < POLLS && sent < 5 * POLLS) {
    await Promise.all(pollers.map((s, k) => s.timeout(10000).emitWithAck('message',
      { room: 'polls', text: `poll ${sent} from ${k}` })));
    sent++;
  }
  const polls = pollingRequests().slice(before);
  const refused = pollingRequests().filter((l) => / 400 /.test(l));
  if (polls.length < POLLS) throw new Error(`only ${polls.length} polling requests after ${sent} rounds`);
  if (refused.length > 0) throw new Error(`${refused.length} polling requests answered 400:\n` + refused.slice(0, 5).join('\n'));
  step(`${polls.length} polling requests through nginx (${sent} rounds of acked messages), none answered 400`);

  // a real browser through nginx (its address is 127.0.0.1, so its node is known) chats with a client of the other node
  if (existsSync(CHROMIUM)) {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage();
    page.setDefaultTimeout(15000);
    const browserNode = nodes[await upstreamOf(base, '127.0.0.1')];
    const otherNode = browserNode === 'jetty' ? 'tomcat' : 'jetty';
    const peer = await join(base, byNode[otherNode].find((a) => a !== '127.0.0.1'), 'peer', ['polling', 'websocket'],
      'browsers');
    await page.goto(`${base}/`);
    await page.fill('#nick', 'browser');
    await page.click('#enter');
    await page.waitForSelector('body[data-connected="true"]');
    await page.fill('#room', 'browsers');
    await page.click('#join');
    await page.waitForSelector('body[data-room="browsers"]');
    const heard = waitForEvent(peer, 'message', (m) => m.text === 'from the browser', 'the browser\'s message');
    await page.fill('#text', 'from the browser');
    await page.click('#send');
    await page.locator('#messages li.mine', { hasText: 'from the browser' }).locator('.status', { hasText: 'delivered' })
      .waitFor();
    await heard;
    await peer.timeout(10000).emitWithAck('message', { room: 'browsers', text: 'to the browser' });
    await page.locator('#messages li', { hasText: 'to the browser' }).waitFor();
    const transport = await page.evaluate(() => performance.getEntriesByType('resource')
      .some((e) => e.name.includes('socket.io.min.js')));
    if (!transport) throw new Error('the page did not load the bundle through nginx');
    await page.screenshot({ path: path.join(work, 'browser-through-nginx.png') });
    step(`headless Chromium through nginx (on ${browserNode}) and a client on ${otherNode} chat both ways`);

    // the Admin UI dashboard the WAR serves on stock Tomcat, a node of the Redis cluster: it lists Tomcat's chat
    // sockets and the room they share, and its disconnect button ends one of them (and that one only)
    const [gone, stays] = ['t1', 't2'].map((nick) => clients.find((s) => s.auth.nick === nick));
    const ended = waitForEvent(gone, 'disconnect', (reason) => reason === 'io server disconnect', 't1\'s disconnect');
    const { admin } = await disconnectFromDashboard(await browser.newContext(), `http://127.0.0.1:${tomcatPort}/`,
      { nicks: ['t1', 't2'], room: 'all' });
    await ended;
    gone.errors = gone.errors.filter((e) => e !== 'disconnect: io server disconnect');
    if (!stays.connected) throw new Error('t2 was disconnected too');
    await admin.screenshot({ path: path.join(work, 'admin-ui-on-tomcat.png') });
    await browser.close();
    browser = null;
    step('the Admin UI on stock Tomcat shows its sockets and rooms; its disconnect button reached t1 only');
  } else {
    step(`browser part SKIPPED: ${CHROMIUM} not found`);
  }

  const problems = clients.flatMap((s) => s.errors.map((e) => `${s.auth.nick}: ${e}`));
  if (problems.length > 0) throw new Error('clients saw: ' + problems.join('; '));
  // both nodes stop on SIGTERM (disconnect handlers run, the Redis threads end) and logged no warning at all: no
  // Weld context leak (long-polls end on other threads than they start on), no thread or ThreadLocal left behind
  for (const s of clients) s.close();
  await Promise.all([jetty, tomcat].map(stopProcess));
  for (const proc of [jetty, tomcat]) {
    const bad = readFileSync(proc.logFile, 'utf8').split('\n').filter((l) => /SEVERE|ERROR|WARN/.test(l));
    if (bad.length > 0) throw new Error(`${proc.logFile}:\n` + bad.slice(0, 5).join('\n'));
  }
  step('both nodes stopped cleanly: no warning in their logs');
  step('PASSED');
} catch (e) {
  failed = true;
  console.error('[nginx-test] FAILED:', e);
  console.error(`[nginx-test] logs in ${work}`);
} finally {
  for (const s of clients) s.close();
  if (browser) await browser.close().catch(() => {});
  await Promise.all([nginx, tomcat, jetty].map(stopProcess));
  await stopProcess(redis);
  clearTimeout(overall);
}
process.exit(failed ? 1 : 0);
