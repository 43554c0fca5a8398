package io.socketee.engineio;

import io.socketee.engineio.protocol.Packet;
import io.socketee.engineio.protocol.PollingBody;
import io.socketee.engineio.protocol.PollingCodec;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.PollingExchange;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-polling: at most one held GET, which the next batch of packets answers, and at most one POST at a time. The
 * session drops a POST still being read when it starts to close or upgrades, as Node does ({@link #takePost}).
 *
 * <p>The held GET and the POST flag are guarded by the session's lock. Answers are prepared under it (the GET taken,
 * the payload encoded) and written by {@link #writeOut()} without it; the queue of prepared answers is guarded by
 * this transport's monitor, which is never held while calling out.
 */
final class PollingTransport extends Transport {

    /** A GET waiting for packets, with the headers its response must carry. */
    record HeldPoll(PollingExchange exchange, Map<String, String> headers, String jsonpIndex) {
    }

    private final ProtocolVersion version;
    /** EIO=3 only: the client accepts XHR2 binary framing (it did not send {@code b64}). */
    private final boolean supportsBinary;
    /** A POST whose body is being read, with the headers its response must carry. */
    record Post(PollingExchange exchange, Map<String, String> headers) {
    }

    /** An answer prepared under the session lock, written out without it. */
    private record Answer(PollingExchange exchange, int status, Map<String, String> headers, byte[] body) {
    }

    // guarded by the session's lock
    private HeldPoll held;
    private Post post;
    private boolean discarded;
    // guarded by this; usually empty, at most a few answers (a held GET released, an error to a second one)
    private final ArrayDeque<Answer> answers = new ArrayDeque<>(2);

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
        answer(poll.exchange(), 200, headers, body.bytes());
        return true;
    }

    /** Prepares any answer to an exchange of this transport (an error to a request it refuses, say). */
    void answer(PollingExchange exchange, int status, Map<String, String> headers, byte[] body) {
        synchronized (this) {
            answers.add(new Answer(exchange, status, headers, body));
        }
    }

    @Override
    void writeOut() {
        while (true) {
            Answer a;
            synchronized (this) {
                a = answers.poll();
            }
            if (a == null) {
                return;
            }
            a.exchange().respond(a.status(), a.headers(), a.body());
        }
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
