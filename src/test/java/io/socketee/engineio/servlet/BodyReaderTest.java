package io.socketee.engineio.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.engineio.spi.PollingExchange.BodyHandler;
import jakarta.servlet.ReadListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The POST body reader against a scripted input stream that delivers the body in pieces, as a container calls a
 * {@link ReadListener}: how much it allocates while the body arrives, what it hands over, and the size limit.
 */
class BodyReaderTest {
    private static final int MAX = 1_000_000;

    @Test
    void allocatesForTheBytesThatArriveNotForTheDeclaredLength() throws IOException {
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, 900_000, MAX, outcome);
        in.setReadListener(reader);
        in.arrive(new byte[10]);
        // A few KB for a client that declared 900 KB and sent 10 bytes (64 KB before).
        assertTrue(reader.capacity() <= 8 * 1024, "allocated " + reader.capacity() + " bytes for 10");
        int received = 10;
        while (received < 200_000) {
            in.arrive(new byte[1000]);
            received += 1000;
            assertEquals(received, reader.received());
            assertTrue(reader.capacity() <= Math.max(8 * 1024, 2 * received),
                    "allocated " + reader.capacity() + " bytes for " + received);
        }
        assertEquals(List.of(), outcome.events);
    }

    @Test
    void handsOverTheArrayItReadASmallBodyInto() throws IOException {
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, 5, MAX, outcome);
        in.setReadListener(reader);
        assertEquals(5, reader.capacity(), "sized by Content-Length");
        in.arrive("4hel".getBytes());
        in.arrive("o".getBytes());
        in.end();
        assertEquals(List.of("body 5"), outcome.events);
        assertArrayEquals("4helo".getBytes(), outcome.body);
        assertEquals(5, reader.capacity(), "the body is the array read into: no copy");
    }

    @Test
    void readsALargeBodyThatArrivesInPiecesOfAnySize() throws IOException {
        byte[] body = randomBytes(300_000);
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, body.length, MAX, outcome);
        in.setReadListener(reader);
        deliverInRandomPieces(in, body);
        assertEquals(body.length, reader.capacity(), "grown up to the declared length, no further: no copy");
        in.end();
        assertEquals(List.of("body " + body.length), outcome.events);
        assertArrayEquals(body, outcome.body);
    }

    @Test
    void readsABodyOfUnknownLength() throws IOException {
        byte[] body = randomBytes(70_001);
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, -1, MAX, outcome);
        in.setReadListener(reader);
        assertTrue(reader.capacity() <= 8 * 1024, "allocated " + reader.capacity() + " bytes before any data");
        deliverInRandomPieces(in, body);
        in.end();
        assertEquals(List.of("body " + body.length), outcome.events);
        assertArrayEquals(body, outcome.body);
    }

    @Test
    void readsAnEmptyBody() throws IOException {
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, 0, MAX, outcome);
        in.setReadListener(reader);
        in.end();
        assertEquals(List.of("body 0"), outcome.events);
    }

    @Test
    void refusesABodyOverTheLimitHoldingNoMoreThanOneByteOverIt() throws IOException {
        for (long declared : new long[] {-1, 1001, 2_000_000}) {
            PieceInput in = new PieceInput();
            Outcome outcome = new Outcome();
            BodyReader reader = new BodyReader(in, declared, 1000, outcome);
            in.setReadListener(reader);
            for (int i = 0; i < 30 && outcome.events.isEmpty(); i++) {
                in.arrive(new byte[100]);
                assertTrue(reader.capacity() <= 1001, "allocated " + reader.capacity() + " bytes, declared "
                        + declared);
            }
            assertEquals(List.of("too large"), outcome.events, "declared " + declared);
        }
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws IOException {
        byte[] body = randomBytes(1000);
        for (long declared : new long[] {-1, 1000}) {
            PieceInput in = new PieceInput();
            Outcome outcome = new Outcome();
            BodyReader reader = new BodyReader(in, declared, 1000, outcome);
            in.setReadListener(reader);
            deliverInRandomPieces(in, body);
            in.end();
            assertEquals(List.of("body 1000"), outcome.events, "declared " + declared);
            assertArrayEquals(body, outcome.body);
        }
    }

    @Test
    void tellsTheHandlerNothingOnceAbandoned() throws IOException {
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, 100, MAX, outcome);
        in.setReadListener(reader);
        in.arrive(new byte[40]);
        reader.abandon();
        in.arrive(new byte[60]);
        in.end();
        reader.onError(new IOException("gone"));
        assertEquals(40, reader.received());
        assertEquals(List.of(), outcome.events);
    }

    @Test
    void reportsAReadErrorOnce() throws IOException {
        PieceInput in = new PieceInput();
        Outcome outcome = new Outcome();
        BodyReader reader = new BodyReader(in, 100, MAX, outcome);
        in.setReadListener(reader);
        in.arrive(new byte[40]);
        reader.onError(new IOException("gone"));
        reader.onError(new IOException("again"));
        assertEquals(List.of("error java.io.IOException: gone"), outcome.events);
    }

    private static void deliverInRandomPieces(PieceInput in, byte[] body) throws IOException {
        Random random = new Random(42);
        int at = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(9000));
            in.arrive(Arrays.copyOfRange(body, at, at + n));
            at += n;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /** What the reader told its handler. */
    private static final class Outcome implements BodyHandler {
        final List<String> events = new ArrayList<>();
        byte[] body;

        @Override
        public void onBody(byte[] body) {
            this.body = body;
            events.add("body " + body.length);
        }

        @Override
        public void onTooLarge() {
            events.add("too large");
        }

        @Override
        public void onError(Throwable error) {
            events.add("error " + error);
        }
    }
}
