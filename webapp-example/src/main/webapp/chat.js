/* The chat page: plain JS on the socket.io-client 4.x browser bundle. */
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const base = location.pathname.replace(/[^/]*$/, '');   // works under any context path
  let socket = null;
  let nick = null;
  let room = null;          // the room we are in (joined again after a reconnect that could not resume)
  let typingTimer = null;
  const typingNow = new Map();

  function add(li) {
    $('messages').append(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  function line(from, text, cls) {
    const li = document.createElement('li');
    if (cls) li.className = cls;
    if (from) {
      const b = document.createElement('span');
      b.className = 'from';
      b.textContent = from;
      li.append(b);
    }
    const t = document.createElement('span');
    t.className = 'text';
    t.textContent = text;
    li.append(t);
    return add(li);
  }

  function system(text) {
    line(null, text, 'system');
  }

  function status(li, text) {
    let s = li.querySelector('.status');
    if (!s) {
      s = document.createElement('span');
      s.className = 'status';
      li.append(s);
    }
    s.textContent = text;
  }

  /** Emits with an ack; the line shows "sending…", then "delivered" (or the failure). */
  function send(li, event, ...args) {
    status(li, 'sending…');
    socket.timeout(10000).emit(event, ...args, (err, receipt) => {
      status(li, err ? 'not delivered' : receipt && receipt.delivered ? 'delivered' : 'failed');
    });
  }

  function showUsers(users) {
    const ul = $('users');
    ul.replaceChildren(...users.map((u) => {
      const li = document.createElement('li');
      li.textContent = u === nick ? u + ' (you)' : u;
      li.dataset.nick = u;
      li.onclick = () => { if (u !== nick) { $('to').value = u; $('text').focus(); } };
      return li;
    }));
  }

  function showTyping() {
    const names = [...typingNow.keys()];
    $('typing').textContent = names.length ? names.join(', ') + (names.length > 1 ? ' are' : ' is') + ' typing…' : '';
  }

  function showImage(from, meta, data, cls) {
    const li = line(from, meta.name ? meta.name + ':' : '', cls);
    const img = document.createElement('img');
    img.alt = meta.name || 'image';
    img.src = URL.createObjectURL(new Blob([data], { type: meta.type || 'image/png' }));
    li.append(img);
    return li;
  }

  let usersAsked = 0;
  /** Asks for the room's users; only the answer to the latest question counts. */
  function refreshUsers() {
    if (!room || !socket) return;
    const asked = ++usersAsked;
    socket.emit('users', room, (u) => {
      if (asked === usersAsked && u && u.room === room) showUsers(u.users);
    });
  }

  function enterRoom(name) {
    room = name;                        // before the ack: the user list may come first
    socket.emit('join', name, () => {
      refreshUsers();
      $('current-room').textContent = '#' + name;
      $('leave').disabled = false;
      document.body.dataset.room = name;
    });
  }

  function start(name) {
    nick = name;
    socket = io({ path: base + 'socket.io', auth: { nick } });

    socket.on('connect', () => {
      $('banner').hidden = true;
      $('login').hidden = true;
      $('chat').hidden = false;
      $('me').textContent = nick;
      document.body.dataset.connected = 'true';
      document.body.dataset.recovered = String(socket.recovered);
      if (socket.recovered) {
        refreshUsers();                 // the session resumed: same rooms, missed messages replayed
      } else if (room) {
        enterRoom(room);                // a new session: join again
      }
    });
    socket.on('disconnect', (reason) => {
      document.body.dataset.connected = 'false';
      if (reason !== 'io client disconnect') $('banner').hidden = false;
      showUsers([]);
      typingNow.clear();
      showTyping();
    });
    socket.on('connect_error', (err) => {
      if (!socket.active) {             // refused by the server (bad nickname): back to the form
        $('login-error').textContent = err.message;
        $('login').hidden = false;
        $('chat').hidden = true;
        socket = null;
      }
    });
    socket.on('message', (m) => {
      typingNow.delete(m.from);
      showTyping();
      line(m.from, m.text);
    });
    socket.on('private', (m) => line(m.from + ' → you', m.text, 'private'));
    socket.on('announcement', (a) => system('📢 ' + a.text));
    socket.on('image', (meta, data) => showImage(meta.from, meta, data));
    socket.on('joined', (r, who) => { system(who + ' joined #' + r); refreshUsers(); });
    socket.on('left', (r, who) => {
      system(who + ' left #' + r);
      typingNow.delete(who);
      showTyping();
      refreshUsers();
    });
    socket.on('typing', (t) => {
      if (t.typing) typingNow.set(t.from, true); else typingNow.delete(t.from);
      showTyping();
    });
    let problemTimer = null;
    socket.on('problem', (text) => {
      $('problem').textContent = text;
      clearTimeout(problemTimer);
      problemTimer = setTimeout(() => { $('problem').textContent = ''; }, 5000);
    });
  }

  $('login').addEventListener('submit', (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    start($('nick').value.trim());
  });

  $('room-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const next = $('room').value.trim();
    if (room && room !== next) socket.emit('leave', room);
    $('messages').replaceChildren();
    enterRoom(next);
  });

  $('leave').addEventListener('click', () => {
    if (!room) return;
    socket.emit('leave', room);
    system('you left #' + room);
    room = null;
    delete document.body.dataset.room;
    $('current-room').textContent = '';
    $('leave').disabled = true;
    showUsers([]);
  });

  $('send-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    const to = $('to').value.trim();
    if (!text) return;
    $('text').value = '';
    if (to) {
      send(line('you → ' + to, text, 'mine private'), 'private', { to, text });
    } else if (room) {
      send(line(nick, text, 'mine'), 'message', { room, text });
      socket.volatile.emit('typing', { room, typing: false });   // dropped, not queued, while offline
      clearTimeout(typingTimer);
      typingTimer = null;
    } else {
      system('join a room first');
    }
  });

  $('text').addEventListener('input', () => {
    if (!room || !socket) return;
    if (!typingTimer) socket.volatile.emit('typing', { room, typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typingTimer = null;
      if (socket && room) socket.volatile.emit('typing', { room, typing: false });
    }, 2000);
  });

  $('image').addEventListener('change', async () => {
    const file = $('image').files[0];
    if (!file || !room) return;
    const data = await file.arrayBuffer();
    const meta = { room, name: file.name, type: file.type };
    send(showImage(nick, meta, data, 'mine'), 'image', meta, data);
    $('image').value = '';
  });
})();
