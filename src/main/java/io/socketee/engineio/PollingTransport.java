package io.socketee.engineio;

import io.socketee.engineio.protocol.Packet;
import io.socketee.engineio.protocol.PollingBody;
import io.socketee.engineio.protocol.PollingCodec;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.PollingExchange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-polling: at most one held GET, which the next batch of packets answers, and at most one POST at a time.
 */
final class PollingTransport extends Transport {

    /** A GET waiting for packets, with the headers its response must carry. */
    record HeldPoll(PollingExchange exchange, Map<String, String> headers, String jsonpIndex) {
    }

    private final ProtocolVersion version;
    /** EIO=3 only: the client accepts XHR2 binary framing (it did not send {@code b64}). */
    private final boolean supportsBinary;
    private HeldPoll held;
    private boolean posting;
    private boolean discarded;

    PollingTransport(ProtocolVersion version, boolean supportsBinary) {
        this.version = version;
        this.supportsBinary = supportsBinary;
    }

    @Override
    TransportName name() {
        return TransportName.POLLING;
    }

    @Override
    boolean writable() {
        return held != null;
    }

    @Override
    boolean idle() {
        return held != null;
    }

    HeldPoll held() {
        return held;
    }

    void hold(HeldPoll poll) {
        this.held = poll;
    }

    /** Forgets the held poll if it is this exchange's; returns whether it was. */
    boolean release(PollingExchange exchange) {
        if (held != null && held.exchange() == exchange) {
            held = null;
            return true;
        }
        return false;
    }

    boolean posting() {
        return posting;
    }

    void posting(boolean value) {
        this.posting = value;
    }

    boolean discarded() {
        return discarded;
    }

    @Override
    boolean send(List<Packet> packets) {
        HeldPoll poll = held;
        held = null;
        PollingBody body = PollingCodec.encode(packets, version, supportsBinary, poll.jsonpIndex());
        Map<String, String> headers = new HashMap<>(poll.headers());
        headers.put("Content-Type", body.contentType());
        poll.exchange().respond(200, headers, body.bytes());
        return true;
    }

    /** After an upgrade: the held poll, if any, is released with a noop and this transport takes no more. */
    void discard() {
        discarded = true;
        if (held != null) {
            send(List.of(Packet.NOOP));
        }
    }

    @Override
    void close() {
        if (held != null) {
            send(List.of(Packet.CLOSE));
        }
    }
}
