// The Admin UI dashboard the chat WAR serves (socketio.adminUi.* in its web.xml), driven in headless Chromium as a
// user would: shared by the browser test (the Jetty launcher) and the nginx test (stock Tomcat).

/**
 * Opens the dashboard at `url` (ending with /) in a new page of `context`, logs in as admin / admin-pass, waits until
 * the sockets of `nicks` (their socket.data.nick, namespace /) and the room `room` show, then disconnects the first
 * nick's socket with the button on its row and waits until the row is gone. Any request to another origin fails the
 * run: the dashboard must need no internet. Returns the page and the sockets' ids by nick.
 */
export async function disconnectFromDashboard(context, url, { nicks, room }) {
  const admin = await context.newPage();
  admin.setDefaultTimeout(15000);
  await admin.setViewportSize({ width: 1280, height: 720 });
  const outside = [];
  await admin.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(url) || u.startsWith('data:')) return route.continue();
    outside.push(u);
    return route.abort();
  });
  await admin.goto(url + 'socket.io-admin/');
  await admin.locator('input[type=password]').waitFor({ state: 'visible' });
  await admin.locator('.v-dialog input').nth(1).fill('admin');
  await admin.locator('input[type=password]').fill('admin-pass');
  await admin.locator('.v-dialog button[type=submit]').click();
  await admin.locator('input[type=password]').waitFor({ state: 'hidden' });
  // the dashboard's own store (Vue 2 keeps the root instance on its element): the sockets it was sent, with data
  const socketOf = (nick) => admin.waitForFunction((n) => {
    const state = document.querySelector('#app').__vue__.$store.state.main;
    const main = state.namespaces.find((ns) => ns.name === '/');
    const s = main && main.sockets.find((x) => x.data && x.data.nick === n);
    return s ? s.id : null;
  }, nick).then((h) => h.jsonValue());
  const ids = {};
  for (const nick of nicks) ids[nick] = await socketOf(nick);
  await admin.goto(url + 'socket.io-admin/#/rooms/');
  await admin.locator('tbody tr', { hasText: room }).waitFor();
  await admin.goto(url + 'socket.io-admin/#/sockets/');
  for (const nick of nicks.slice(1)) await admin.locator('tbody tr', { hasText: ids[nick] }).waitFor();
  await admin.locator('tbody tr', { hasText: ids[nicks[0]] }).locator('button').click();
  // (the click also opens the socket's page, as a click on its row does)
  await admin.goto(url + 'socket.io-admin/#/sockets/');
  await admin.waitForFunction((id) => ![...document.querySelectorAll('tbody tr')]
    .some((tr) => tr.innerText.includes(id)), ids[nicks[0]]);
  if (outside.length) throw new Error('the dashboard asked for outside resources: ' + outside.join(', '));
  return { admin, ids };
}
