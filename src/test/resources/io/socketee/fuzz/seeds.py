#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz tests (io.socketee.fuzz) next to this script: valid and malformed samples
from the codec tests, in each fuzz test's input format (see the test classes). Run from anywhere; idempotent."""
import os, struct

HERE = os.path.dirname(os.path.abspath(__file__))

def write(cls, method, name, data):
    d = os.path.join(HERE, cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def b(s):
    return s.encode("utf-8") if isinstance(s, str) else s

# EngineIoFuzzTest.pollingDecode: selector byte (0: EIO=4, 1: EIO=3 string, 2: EIO=3 binary, 10: binary under EIO=4,
# 3: JSONP EIO=4, 7: JSONP EIO=3), then the body.
polling = {
    "v4_messages": (0, "4hello\x1e4world\x1ebAQID"),
    "v4_ping": (0, "3"),
    "v4_empty_packet": (0, "4a\x1e\x1e"),
    "v4_bad_type": (0, "9x"),
    "v4_bad_base64": (0, "b@@@"),
    "v3_string": (1, "6:4hello2:4€10:b4AQIDBA=="),
    "v3_zero_length": (1, "0:"),
    "v3_length_overflow": (1, "99999999999:4x"),
    "v3_missing_colon": (1, "12"),
    "v3_binary_ok": (2, b"\x00\x06\xff4hello\x01\x04\xff\x04\x01\x02\x03"),
    "v3_binary_bad_marker": (2, b"\x02\x01\xff4"),
    "v3_binary_no_end": (2, b"\x00\x01\x02\x03"),
    "v3_binary_bad_utf8": (2, b"\x00\x02\xff4\xc3"),
    "v4_binary_refused": (10, b"\x01\x01\xff\x04"),
    "jsonp_v4": (3, "d=4hello%1E4wor%5C%5Cnld%5Cn"),
    "jsonp_v3": (7, "j=1&d=6%3A4hello"),
    "jsonp_no_d": (3, "x=1"),
    "jsonp_bad_escape": (3, "d=%zz"),
}
for name, (sel, body) in polling.items():
    write("EngineIoFuzzTest", "pollingDecode", name, bytes([sel]) + b(body))

# EngineIoFuzzTest.packetDecode: selector (0: text EIO=4, 2: text EIO=3, 1: frame EIO=4, 3: frame EIO=3).
packet = {
    "text_v4_message": (0, "4hello"),
    "text_v4_base64": (0, "bAQID"),
    "text_v3_base64": (2, "b4AQID\nBA=="),
    "text_v3_base64_not_message": (2, "b3AQID"),
    "text_empty": (0, ""),
    "text_bad_type": (0, "x"),
    "frame_v4": (1, b"\x01\x02\x03"),
    "frame_v3": (3, b"\x04\x01\x02"),
    "frame_v3_not_message": (3, b"\x02\x01"),
    "frame_v3_empty": (3, b""),
}
for name, (sel, body) in packet.items():
    write("EngineIoFuzzTest", "packetDecode", name, bytes([sel]) + b(body))

# SocketIoFuzzTest.packetDecoder: header (bit 0: v4, bits 1-4: attachment limit), then (kind, u16 length, bytes)*.
def seq(v4, limit, *messages):
    out = bytes([(1 if v4 else 0) | (limit << 1)])
    for m in messages:
        binary = isinstance(m, bytes)
        data = m if binary else m.encode("utf-8")
        out += bytes([1 if binary else 0]) + struct.pack(">H", len(data)) + data
    return out

sio = {
    "connect": seq(False, 10, "0", "0/admin,{\"token\":\"x\"}"),
    "connect_v4_query": seq(True, 10, "0/admin?token=1,"),
    "event_ack": seq(False, 10, "2[\"hello\",1,{\"a\":[true,null]}]", "2/chat,12[\"msg\"]", "3/chat,12[\"ok\"]"),
    "disconnect": seq(False, 10, "1/admin,"),
    "connect_error_v5": seq(False, 10, "4{\"message\":\"no\"}"),
    "error_v4": seq(True, 10, "4/admin,\"Not authorized\""),
    "binary_event": seq(False, 10, "51-[\"upload\",{\"_placeholder\":true,\"num\":0}]", b"\x01\x02\x03"),
    "binary_ack_two": seq(False, 10, "62-/ns,7[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]",
                          b"\x00", b"\xff\xfe"),
    "binary_over_limit": seq(False, 1, "52-[\"x\",{\"_placeholder\":true,\"num\":0}]", b"a", b"b"),
    "binary_bad_placeholder": seq(False, 10, "51-[\"x\",{\"_placeholder\":true,\"num\":5}]", b"a"),
    "text_while_awaiting": seq(False, 10, "51-[\"x\",{\"_placeholder\":true,\"num\":0}]", "2[\"y\"]", "2[\"z\"]"),
    "binary_unexpected": seq(False, 10, b"\x01", "2[\"ok\"]"),
    "bad_json": seq(False, 10, "2[\"a\",", "2[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]"),
    "ack_without_id": seq(False, 10, "3[]"),
    "huge_ack_id": seq(False, 10, "299999999999999999999999[\"a\"]"),
    "huge_attachment_count": seq(False, 10, "599999999999-[\"a\"]"),
    "bad_type": seq(False, 10, "9", "", "x"),
}
for name, data in sio.items():
    write("SocketIoFuzzTest", "packetDecoder", name, data)

# SocketIoFuzzTest.msgPackDecoder: header (bit 0: v4, bits 1-3: depth limit - 2), then one msgpack message (from
# MsgPackParserTest, written by socket.io 4.8.4 / socket.io-client 4.8.1 with socket.io-msgpack-parser 3.0.2).
h = bytes.fromhex
mp = {
    "connect_auth": (0, 6, h("83a47479706500a46461746181a5746f6b656ea2c3a9a36e7370a12f")),
    "connect_undefined": (0, 6, h("83a47479706500a464617461d40000a36e7370a62f61646d696e")),
    "connect_v4_query": (1, 6, h("82a47479706500a36e7370ae2f61646d696e3f746f6b656e3d31")),
    "event_options": (0, 6, h("84a47479706502a46461746193a568656c6c6fa677c3b6726c642aa76f7074696f6e7381a8636f6d707265"
                              "7373c3a36e7370a12f")),
    "event_binary_ack": (0, 6, h("85a47479706502a46461746193a568656c6c6fc4020908c7010005a76f7074696f6e7381a8636f6d70"
                                 "72657373c3a2696400a36e7370a12f")),
    "ack": (0, 6, h("84a2696400a47479706503a46461746192a26f6bc403010203a36e7370a12f")),
    "disconnect": (0, 6, h("82a47479706501a36e7370a62f61646d696e")),
    "connect_error": (0, 6, h("83a47479706504a464617461b1496e76616c6964206e616d657370616365a36e7370a52f6e6f7065")),
    "date": (0, 6, h("83a47479706502a46461746192a164d700000001a23445dafca36e7370a12f")),
    "too_deep": (0, 0, h("83a47479706502a46461746192a1789191910" "1a36e7370a12f")),
    "huge_array": (0, 6, h("83a47479706502a464617461dd7fffffffa36e7370a12f")),
    "huge_bin": (0, 6, h("83a47479706502a464617461c6ffffffff")),
    "not_a_map": (0, 6, h("93a47479706502a36e7370")),
    "text_json": (0, 6, b"42[\"hello\"]"),
}
for name, (v4, depth, data) in mp.items():
    write("SocketIoFuzzTest", "msgPackDecoder", name, bytes([v4 | (depth << 1)]) + data)

# RedisWireFuzzTest: depth limit byte, then the message.
msgpack = {
    "fixmap": b"\x82\xa3uid\xa5abcde\xa4type\x01",
    "nested_array": b"\x91\x92\x93\x01\x02\x03\xc0",
    "ints": b"\x96\xcc\xff\xcd\xff\xff\xce\xff\xff\xff\xff\xcf\xff\xff\xff\xff\xff\xff\xff\xff\xd3\x80\x00\x00\x00\x00\x00\x00\x00\xe0",
    "floats": b"\x92\xca\x3f\x80\x00\x00\xcb\x7f\xf8\x00\x00\x00\x00\x00\x00",
    "bin_ext": b"\x93\xc4\x03\x01\x02\x03\xc7\x01\x00\x41\xd4\x01\x02",
    "str8": b"\xd9\x05hello",
    "truncated": b"\xdb\xff\xff\xff\xff",
    "huge_array": b"\xdd\x7f\xff\xff\xff",
    "huge_map": b"\xdf\xff\xff\xff\xff\x01",
    "trailing": b"\xc0\xc0",
    "bad_utf8": b"\xa2\xc3\x28",
    "unused_c1": b"\xc1",
}
for name, data in msgpack.items():
    write("RedisWireFuzzTest", "msgPack", name, bytes([4]) + data)
    write("RedisWireFuzzTest", "wireJson", "msgpack_" + name, bytes([4]) + data)
json = {
    "request": b"{\"type\":0,\"requestId\":\"abc\",\"rooms\":[\"r1\"],\"opts\":{\"except\":[]}}",
    "truncated": b"{\"type\":",
    "trailing": b"{} {}",
    "deep": b"{\"a\":" * 40 + b"1" + b"}" * 40,
    "bad_number": b"{\"a\":1e999999999}",
}
for name, data in json.items():
    write("RedisWireFuzzTest", "wireJson", "json_" + name, bytes([4]) + data)
