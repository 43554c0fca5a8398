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
 * Long-polling: at most one held GET, which the next batch of packets answers, and at most one POST at a time. The
 * session drops a POST still being read when it starts to close or upgrades, as Node does ({@link #takePost}).
 *
 * <p>Threading: every method is called with the session's lock held.
 */
final class PollingTransport extends Transport {

    /** A GET waiting for packets, with the headers its response must carry. */
    record HeldPoll(PollingExchange exchange, Map<String, String> headers, String jsonpIndex) {
    }

    /** A POST whose body is being read, with the headers its response must carry. */
    record Post(PollingExchange exchange, Map<String, String> headers) {
    }

    private final ProtocolVersion version;
    /** EIO=3 only: the client accepts XHR2 binary framing (it did not send {@code b64}). */
    private final boolean supportsBinary;
    private HeldPoll held;
    private Post post;
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
        return post != null;
    }

    void startPost(PollingExchange exchange, Map<String, String> headers) {
        this.post = new Post(exchange, headers);
    }

    /** Ends the POST being read if it is this exchange's; returns whether it was (false once it was taken). */
    boolean endPost(PollingExchange exchange) {
        if (post != null && post.exchange() == exchange) {
            post = null;
            return true;
        }
        return false;
    }

    /** Takes the POST being read, if any, for the session to drop it; null when there is none. */
    Post takePost() {
        Post p = post;
        post = null;
        return p;
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
