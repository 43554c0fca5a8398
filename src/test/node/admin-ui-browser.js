// The Socket.IO Admin UI's dashboard, as the server serves it, in headless Chromium (playwright-core):
// two socket.io-client 4.x clients connect (one joins the room "lobby"); the dashboard, with no internet access (every
// request that does not go to the server is refused and reported), logs in with basic auth, shows both sockets and
// the room, and disconnects one client with its button, which the client sees as "io server disconnect".
// Argument: {"url": "http://127.0.0.1:PORT", "chromium": "/usr/bin/chromium", "screenshot": "path.png" (optional)}.
// Prints one line per step; exits 0 when every step passed.
const { io } = require('socket.io-client');
const { chromium } = require('playwright-core');

const args = JSON.parse(process.argv[2]);
const base = args.url;
const step = (text) => console.log('[admin-ui] ' + text);

function connect(name) {
  return new Promise((resolve, reject) => {
    const socket = io(base, { forceNew: true, reconnection: false, auth: { name } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function main() {
  const alice = await connect('alice');
  const bob = await connect('bob');
  await alice.timeout(5000).emitWithAck('join', 'lobby');
  step(`clients connected: ${alice.id} (in lobby), ${bob.id}`);
  const aliceGone = new Promise((resolve) => alice.once('disconnect', resolve));

  const browser = await chromium.launch({
    executablePath: args.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const outside = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20000);
    page.on('pageerror', (e) => console.error('[page error]', e));
    const origin = new URL(base).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/') || url.startsWith('data:')) {
        return route.continue();
      }
      outside.push(url);
      return route.abort();
    });

    await page.goto(base + '/socket.io-admin/');
    const password = page.locator('input[type=password]');
    await password.waitFor({ state: 'visible' });
    const inputs = page.locator('.v-dialog input');
    const serverUrl = await inputs.nth(0).inputValue();
    if (serverUrl !== origin) {
      throw new Error(`the connection form says ${serverUrl}, not ${origin}`);
    }
    step(`login form prefilled with ${serverUrl}`);
    await inputs.nth(1).fill('admin');
    await password.fill('admin-pass');
    await page.locator('.v-dialog button[type=submit]').click();
    await password.waitFor({ state: 'hidden' });
    step('logged in');

    await page.goto(base + '/socket.io-admin/#/sockets/');
    await page.waitForFunction((ids) => ids.every((id) => document.body.innerText.includes(id)), [alice.id, bob.id]);
    step('sockets page shows both sockets');

    await page.goto(base + '/socket.io-admin/#/rooms/');
    await page.waitForFunction(() => [...document.querySelectorAll('tbody tr')]
      .some((tr) => tr.innerText.includes('lobby')));
    step('rooms page shows lobby');

    await page.goto(base + '/socket.io-admin/#/');
    await page.waitForSelector('canvas');
    await page.waitForTimeout(2500);   // one server_stats, for the charts
    if (args.screenshot) {
      await page.screenshot({ path: args.screenshot });
      step('screenshot ' + args.screenshot);
    }

    await page.goto(base + '/socket.io-admin/#/sockets/');
    const row = page.locator('tbody tr', { hasText: alice.id });
    await row.locator('button').click();
    const reason = await Promise.race([aliceGone,
      new Promise((resolve) => setTimeout(() => resolve('(none within 10 s)'), 10000))]);
    if (reason !== 'io server disconnect') {
      throw new Error('alice was not disconnected by the server: ' + reason);
    }
    step('disconnect button: alice got io server disconnect');
    // (the click also opens the socket's page, as a click on its row does)
    await page.goto(base + '/socket.io-admin/#/sockets/');
    await page.locator('tbody tr', { hasText: bob.id }).waitFor();
    await page.waitForFunction((id) => ![...document.querySelectorAll('tbody tr')]
      .some((tr) => tr.innerText.includes(id)), alice.id);
    if (!bob.connected) {
      throw new Error('bob was disconnected too');
    }
    step('sockets page dropped alice, bob still connected');
    if (outside.length) {
      throw new Error('the dashboard asked for outside resources: ' + outside.join(', '));
    }
    step('no request left the server');
  } finally {
    await browser.close();
    alice.close();
    bob.close();
  }
}

main().then(() => { step('OK'); process.exit(0); }, (e) => { console.error('[admin-ui] FAILED', e); process.exit(1); });
