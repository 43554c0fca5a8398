"""Drives the Debian package python3-socketio (python-socketio 5.x, a real client nobody here wrote) against
SocketIoClientsApp: python3 sio_client.py <url> <polling|websocket> prints one JSON object of what it saw."""
import json
import sys
import threading

import socketio

url, transport = sys.argv[1], sys.argv[2]
seen = {}
events = {name: threading.Event() for name in ('welcome', 'binary-back', 'ask-result', 'room-msg', 'disconnect')}

client = socketio.Client(reconnection=False)


@client.on('welcome', namespace='/private')
def welcome(auth):
    seen['welcome'] = auth
    events['welcome'].set()


@client.on('question')
def question(*args):
    return ('answer to',) + args    # a tuple: one ack argument each


@client.on('ask-result')
def ask_result(*args):
    seen['ask-result'] = list(args)
    events['ask-result'].set()


@client.on('binary-back')
def binary_back(*args):
    seen['binary-back'] = [a.hex() if isinstance(a, (bytes, bytearray)) else a for a in args]
    events['binary-back'].set()


@client.on('room-msg', namespace='/second')
def room_msg(payload):
    seen['room-msg'] = payload
    events['room-msg'].set()


@client.on('disconnect', namespace='/second')
def second_gone():
    events['disconnect'].set()


def wait(name):
    if not events[name].wait(10):
        raise SystemExit('timed out waiting for ' + name)


client.connect(url + '/?tag=python-' + transport, transports=[transport], namespaces=['/', '/second', '/private'],
               auth={'token': 'secret'}, wait_timeout=10)
seen['transport'] = client.transport()
seen['whoami'] = list(client.call('whoami', timeout=10))
seen['ack'] = list(client.call('ack', ('héllo € 😀', {'n': 1, 'list': [True, None]}), timeout=10))
seen['binary-ack'] = [a.hex() if isinstance(a, (bytes, bytearray)) else a
                      for a in client.call('binary', (b'\x01\x02\x03', 'x'), timeout=10)]
wait('binary-back')
client.emit('ask', 'q?')
wait('ask-result')
wait('welcome')
client.call('join', 'py-room', namespace='/second', timeout=10)
client.call('broadcast', ('py-room', None, {'to': 'room'}), namespace='/second', timeout=10)
wait('room-msg')
client.emit('disconnect-me', namespace='/second')
wait('disconnect')
seen['still-connected'] = client.connected and client.call('ack', 'after', timeout=10) == 'after'

refused = socketio.Client(reconnection=False)
refusal = {}


@refused.on('connect_error', namespace='/private')
def connect_error(data):
    refusal['data'] = data


try:
    # the client waits out wait_timeout for a refused namespace before it raises
    refused.connect(url, transports=[transport], namespaces=['/private'], auth={'token': 'wrong'}, wait_timeout=2)
    seen['refused'] = 'connected'
except socketio.exceptions.ConnectionError as e:
    seen['refused'] = refusal.get('data')
finally:
    refused.disconnect()

client.disconnect()
print(json.dumps(seen))
