// Headless Chromium with the jar's socket.io.msgpack.min.js, served by the server of SocketIoClientsApp (made with the
// msgpack parser): a page on the server's origin loads the bundle and, over polling only, WebSocket only, and polling
// upgraded to WebSocket, joins / and /second, acks both ways with non-ASCII text, and sends and receives binary.
// Usage: node msgpack-browser.js '{"url":"http://127.0.0.1:PORT","chromium":"/usr/bin/chromium"}'
// Prints "OK ..." and exits 0 on success; "FAIL ..." and exits 1 otherwise.
"use strict";
const { chromium } = require("playwright-core");
const opts = JSON.parse(process.argv[2]);

async function main() {
  const browser = await chromium.launch({
    executablePath: opts.chromium || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // A page on the server's origin: the bundle itself, shown as text, then loaded as a script.
    const bundle = opts.url + "/socket.io/socket.io.msgpack.min.js";
    const response = await page.goto(bundle);
    if (!response.ok()) throw new Error("GET " + bundle + ": " + response.status());
    await page.addScriptTag({ url: bundle });
    const results = [];
    for (const transports of [["polling"], ["websocket"], ["polling", "websocket"]]) {
      const result = await page.evaluate(async ({ url, transports }) => {
        const once = (s, event) => new Promise((resolve) => s.once(event, (...args) => resolve(args)));
        const ask = (s, event, ...args) => new Promise((resolve) => s.emit(event, ...args, (...a) => resolve(a)));
        const fail = (what, got) => { throw new Error(what + ": " + JSON.stringify(got)); };
        const manager = new io.Manager(url, { transports, reconnection: false, query: { tag: "browser" } });
        const main = manager.socket("/");
        const second = manager.socket("/second");
        await Promise.all([once(main, "connect"), once(second, "connect")]);
        if (transports.length > 1 && manager.engine.transport.name !== "websocket") {
          await new Promise((resolve) => manager.engine.once("upgrade", resolve));
        }
        const [nspA] = await ask(main, "whoami");
        const [nspB, idB, transport] = await ask(second, "whoami");
        if (nspA !== "/" || nspB !== "/second" || idB !== second.id) fail("whoami", [nspA, nspB, idB]);
        const text = ["h\u00e9llo", "\u65e5\u672c\u8a9e", "\u{1F600}", { "cl\u00e9": "v\u00e4lue" }];
        const acked = await ask(second, "ack", ...text);
        if (JSON.stringify(acked) !== JSON.stringify(text)) fail("non-ASCII ack", acked);
        const answered = once(main, "ask-result");
        main.on("question", (q, callback) => callback("answer to " + q));
        main.emit("ask", "\u00e7a va?");
        const [answer] = await answered;
        if (JSON.stringify(answer) !== JSON.stringify(["answer to \u00e7a va?"])) fail("server ack", answer);
        const bytes = new Uint8Array([1, 2, 3, 255]).buffer;
        const back = once(main, "binary-back");
        const [echoed] = await ask(main, "binary", { label: "bin", data: bytes });
        if (!(echoed.data instanceof ArrayBuffer) || new Uint8Array(echoed.data).join() !== "1,2,3,255") {
          fail("binary ack", echoed);
        }
        const [, extra] = await back;
        if (!(extra instanceof ArrayBuffer) || new Uint8Array(extra).join() !== "9,8,7") fail("binary-back", extra);
        main.disconnect();
        second.disconnect();
        return transports.join("+") + ": " + transport;
      }, { url: opts.url, transports });
      results.push(result);
    }
    if (errors.length) throw new Error("page errors: " + errors.join("; "));
    console.log("OK " + results.join(", "));
  } finally {
    await browser.close();
  }
}

const deadline = setTimeout(() => { console.log("FAIL timed out"); process.exit(1); }, opts.timeoutMs || 60000);
main().then(() => { clearTimeout(deadline); process.exit(0); },
  (err) => { console.log("FAIL " + (err && err.stack ? err.stack : err)); process.exit(1); });
