package io.socketee.engineio;

import io.socketee.engineio.protocol.DecodeException;
import io.socketee.engineio.protocol.Packet;
import io.socketee.engineio.protocol.PollingBody;
import io.socketee.engineio.protocol.PollingCodec;
import io.socketee.engineio.protocol.ProtocolVersion;
import io.socketee.engineio.spi.PollingExchange;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-polling, and its HTTP: the GET it holds until the session has packets for it, the POSTs it reads and decodes,
 * the status codes of both (as Node's {@code transports/polling.ts}). At most one held GET, which the next batch of
 * packets answers, and at most one POST at a time; a second one of either is a 400 and ends the session. A POST still
 * being read when the session starts to close, closes or upgrades is dropped (400), as Node does. What to send, and
 * when, is the session's: this transport tells it when a GET is there ({@link EngineIoSocket#onPollReady}) and hands
 * it the packets a POST carried ({@link EngineIoSocket#onPackets}).
 *
 * <p>Locks: the held GET and the POST being read are guarded by the session's lock, which the request handlers below
 * take and every session method calling in here holds. Answers are prepared under it (the GET taken, the payload
 * encoded) and written by {@link #writeOut()} without it; the queue of prepared answers is guarded by this
 * transport's monitor, which is never held while calling out.
 */
final class PollingTransport extends Transport {
    private static final System.Logger LOG = System.getLogger(PollingTransport.class.getName());
    private static final byte[] NO_BODY = new byte[0];

    /** A GET waiting for packets, with the headers its response must carry. */
    record HeldPoll(PollingExchange exchange, Map<String, String> headers, String jsonpIndex) {
    }

    /** A POST whose body is being read, with the headers its response must carry. */
    private record Post(PollingExchange exchange, Map<String, String> headers) {
    }

    /** An answer prepared under the session lock, written out without it; {@code log} is said first, if not null. */
    private record Answer(PollingExchange exchange, int status, Map<String, String> headers, byte[] body, String log) {
    }

    private final ProtocolVersion version;
    /** EIO=3 only: the client accepts XHR2 binary framing (it did not send {@code b64}). */
    private final boolean supportsBinary;
    private EngineIoSocket session;

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

    /** Called once, by the session it serves, before any request reaches this transport. */
    void attach(EngineIoSocket owner) {
        this.session = owner;
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

    // ------------------------------------------------------------------ requests, from the server

    /**
     * A GET: held until the session has packets for it (at once if some are waiting). A GET for a session that is
     * over, or no longer on polling, is a 400; a second GET while one is held is a 400 and ends the session.
     */
    void onPoll(PollingExchange exchange, Map<String, String> headers, String jsonpIndex) {
        EngineIoError refusal = null;
        boolean lastPoll = false;
        synchronized (session.lock) {
            if (session.isClosedLocked() && session.server().takeLastPoll(session)) {
                lastPoll = true;   // the client closed the session while this GET was on its way
            } else if (discarded || !session.onPolling(this) || session.isClosedLocked()) {
                refusal = EngineIoError.BAD_REQUEST;
            } else if (held != null) {
                LOG.log(Level.DEBUG, () -> "session " + session.id() + ": overlapping GET");
                refusal = EngineIoError.BAD_REQUEST;
                session.closeNowLocked(CloseReason.TRANSPORT_ERROR);
            } else {
                held = new HeldPoll(exchange, headers, jsonpIndex);
                session.onPollReady(this);
            }
        }
        if (lastPoll) {
            answerLastPoll(exchange, headers, jsonpIndex);
            return;
        }
        session.afterUnlock();
        if (refusal != null) {
            session.server().respondError(exchange, headers, refusal);
            return;
        }
        exchange.onAbort(() -> onPollAborted(exchange));
    }

    /** The client went away from its held GET: the session ends ("transport error"), as in Node. */
    private void onPollAborted(PollingExchange exchange) {
        synchronized (session.lock) {
            if (held == null || held.exchange() != exchange) {
                return;
            }
            held = null;
            LOG.log(Level.DEBUG, () -> "session " + session.id() + ": held GET closed by the client");
            session.closeNowLocked(CloseReason.TRANSPORT_ERROR);
        }
        session.afterUnlock();
    }

    /**
     * A GET that comes just after the client closed the session over polling, in the moment the server keeps it for
     * that ({@link EngineIoServer#holdForLastPoll}): answered with the noop Node gives the GET it holds at the close.
     */
    void answerLastPoll(PollingExchange exchange, Map<String, String> headers, String jsonpIndex) {
        boolean answered = false;
        synchronized (session.lock) {
            if (held == null) {
                held = new HeldPoll(exchange, headers, jsonpIndex);
                send(List.of(Packet.NOOP));
                answered = true;
            }
        }
        writeOut();
        if (!answered) {
            session.server().respondError(exchange, headers, EngineIoError.UNKNOWN_SID);
        }
    }

    /**
     * A POST: read without blocking, decoded, its packets handed to the session, then answered {@code ok}; a second
     * POST while one is read, or a binary body under EIO=4, is a 400 and ends the session; a body over
     * {@code maxHttpBufferSize} is a 413, one that does not decode a 400, and both end it.
     */
    void onData(PollingExchange exchange, Map<String, String> headers, boolean jsonp, boolean binaryBody) {
        boolean accepted = false;
        synchronized (session.lock) {
            if (!discarded && session.onPolling(this) && !session.isClosedLocked()) {
                if (post != null || (binaryBody && version == ProtocolVersion.V4)) {
                    LOG.log(Level.DEBUG, () -> "session " + session.id() + ": overlapping or binary POST");
                    session.closeNowLocked(CloseReason.TRANSPORT_ERROR);
                } else {
                    post = new Post(exchange, headers);
                    accepted = true;
                }
            }
        }
        session.afterUnlock();
        if (!accepted) {
            session.server().respondError(exchange, headers, EngineIoError.BAD_REQUEST);
            return;
        }
        exchange.readBody(session.maxHttpBufferSize(), new PollingExchange.BodyHandler() {
            @Override
            public void onBody(byte[] body) {
                if (!endPost(exchange)) {
                    return;
                }
                List<Packet> packets;
                try {
                    packets = PollingCodec.decode(body, version, binaryBody, jsonp);
                } catch (DecodeException e) {
                    LOG.log(Level.DEBUG, () -> "session " + session.id() + ": bad payload: " + e.getMessage());
                    session.server().respondError(exchange, headers, EngineIoError.BAD_REQUEST);
                    session.closeNow(CloseReason.PARSE_ERROR);
                    return;
                }
                session.onPackets(packets);
                Map<String, String> okHeaders = new HashMap<>(headers);
                okHeaders.put("Content-Type", "text/html");
                exchange.respond(200, okHeaders, EngineIoServer.OK);
            }

            @Override
            public void onTooLarge() {
                if (!endPost(exchange)) {
                    return;
                }
                LOG.log(Level.DEBUG, () -> "session " + session.id() + ": POST body over maxHttpBufferSize");
                exchange.respond(413, headers, NO_BODY);
                session.closeNow(CloseReason.TRANSPORT_ERROR);
            }

            @Override
            public void onError(Throwable error) {
                if (!endPost(exchange)) {
                    return;
                }
                LOG.log(Level.DEBUG, () -> "session " + session.id() + ": POST failed: " + error);
                exchange.respond(400, headers, NO_BODY);
                session.closeNow(CloseReason.TRANSPORT_ERROR);
            }
        });
    }

    /** Ends the POST being read if it is this exchange's; false once the session dropped it (closed, upgraded). */
    private boolean endPost(PollingExchange exchange) {
        synchronized (session.lock) {
            if (post != null && post.exchange() == exchange) {
                post = null;
                return true;
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ from the session, with its lock

    /**
     * The client sent its close packet: as in Node, a held GET gets a noop (the client is done with it). Returns
     * false when no GET is held, for the session to keep the one that may be on its way ({@link #answerLastPoll}).
     */
    boolean releaseForClientClose() {
        if (held == null) {
            return false;
        }
        send(List.of(Packet.NOOP));
        return true;
    }

    /** Drops a POST still being read (400, its connection closed by the host), saying why once at INFO. */
    void dropPost(String cause) {
        Post p = post;
        if (p == null) {
            return;
        }
        post = null;
        prepareError(p.exchange(), p.headers(), EngineIoError.BAD_REQUEST, "engine.io: session " + session.id()
                + " " + cause + " while a POST was still arriving; the POST is dropped");
    }

    @Override
    boolean send(List<Packet> packets) {
        HeldPoll poll = held;
        held = null;
        PollingBody body = PollingCodec.encode(packets, version, supportsBinary, poll.jsonpIndex());
        Map<String, String> headers = new HashMap<>(poll.headers());
        headers.put("Content-Type", body.contentType());
        prepare(new Answer(poll.exchange(), 200, headers, body.bytes(), null));
        return true;
    }

    /** After an upgrade: the held poll, if any, is released with a noop, a POST being read is dropped. */
    void discard(String cause) {
        discarded = true;
        dropPost(cause);
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

    private void prepareError(PollingExchange exchange, Map<String, String> headers, EngineIoError error, String log) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("Content-Type", "application/json");
        prepare(new Answer(exchange, error.httpStatus(), h, error.sharedBody(), log));
    }

    private void prepare(Answer answer) {
        synchronized (this) {
            answers.add(answer);
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
            if (a.log() != null) {
                LOG.log(Level.INFO, a.log());
            }
            a.exchange().respond(a.status(), a.headers(), a.body());
        }
    }
}
