package io.socketee.engineio.protocol;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Helpers shared by the codec tests: byte literals, a seeded generator of random packets, and the client side of the
 * JSONP framing (reading the {@code ___eio[N]("...")} script, writing the {@code d=} form), which the server codec
 * only has one half of.
 */
final class CodecTestSupport {
    /** The seed of every randomized test: a failure is reproducible. */
    static final long SEED = 20_240_417L;
    /** Random cases per randomized test; small enough to keep the whole suite well under a second or two. */
    static final int ROUND_TRIPS = 2_000;

    private CodecTestSupport() {
    }

    /** Bytes from int literals, so a test can write {@code bytes(0x00, 0x04, 0xFF)}. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xFF) {
                throw new IllegalArgumentException("not a byte: " + values[i]);
            }
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part, 0, part.length);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Packet binary(int... values) {
        return Packet.message(bytes(values));
    }

    static Packet text(PacketType type, String data) {
        return new Packet.Text(type, data);
    }

    /** A readable form of a string for failure messages: controls and non-ASCII as {@code \\uXXXX}. */
    static String visible(CharSequence s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    static String describe(List<Packet> packets) {
        StringBuilder out = new StringBuilder("[");
        for (Packet p : packets) {
            if (out.length() > 1) {
                out.append(", ");
            }
            if (p instanceof Packet.Text t) {
                out.append(t.type()).append(" \"").append(visible(t.data())).append('"');
            } else {
                out.append("BINARY ").append(hex(((Packet.Binary) p).data()));
            }
        }
        return out.append(']').toString();
    }

    static String hex(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (byte b : data) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(String.format("%02x", b & 0xFF));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- JSONP, client side

    /**
     * What the v3 JSONP client posts for {@code payload}: it writes each newline as backslash-n and each backslash-n
     * as backslash-backslash-n, then the form submission url-encodes the field {@code d}.
     */
    static byte[] clientJsonpForm(String payload) {
        String escaped = payload.replace("\\n", "\\\n").replace("\n", "\\n");
        return ("d=" + URLEncoder.encode(escaped, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The string argument of a JSONP response {@code ___eio[index]("...");}, read as a JavaScript engine would.
     * Fails (with {@link AssertionError}) on anything that is not valid script: a raw control character, raw U+2028
     * or U+2029, an unknown escape, a stray quote.
     */
    static String clientReadJsonp(String script, String index) {
        String head = "___eio[" + index + "](";
        String foot = ");";
        if (!script.startsWith(head) || !script.endsWith(foot)) {
            throw new AssertionError("not a JSONP callback for index " + index + ": " + visible(script));
        }
        return readJsString(script.substring(head.length(), script.length() - foot.length()));
    }

    /** Reads one double-quoted JavaScript string literal that must span all of {@code literal}. */
    static String readJsString(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new AssertionError("not a string literal: " + visible(literal));
        }
        StringBuilder out = new StringBuilder();
        int end = literal.length() - 1;
        int i = 1;
        while (i < end) {
            char c = literal.charAt(i);
            if (c == '"') {
                throw new AssertionError("unescaped quote at " + i + " in " + visible(literal));
            }
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                throw new AssertionError("raw line break or control character at " + i + " in " + visible(literal));
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= end) {
                throw new AssertionError("dangling backslash in " + visible(literal));
            }
            char e = literal.charAt(i + 1);
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 6 > end) {
                        throw new AssertionError("short \\u escape in " + visible(literal));
                    }
                    out.append((char) Integer.parseInt(literal.substring(i + 2, i + 6), 16));
                    i += 4;
                }
                default -> throw new AssertionError("unknown escape \\" + e + " in " + visible(literal));
            }
            i += 2;
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- random packets

    /** Random packets and strings from a fixed seed. */
    static final class RandomPackets {
        private static final PacketType[] TYPES = PacketType.values();
        /** Characters that matter to one framing or another. */
        private static final String TRICKY = "€\"\\\n\r\t\u2028\u2029\u001e\u0000\u007f:&%+=b4 \uFEFF\uFFFD\uFFFF";

        private final Random random;
        private final boolean recordSeparator;
        private final boolean backslashBeforeNewline;

        /**
         * @param recordSeparator        whether text may contain {@code \x1e} (not in an EIO=4 payload, where it is
         *                               the separator)
         * @param backslashBeforeNewline whether text may contain a backslash followed by a newline (not through the
         *                               JSONP POST, whose escaping makes it read back as backslash-n)
         */
        RandomPackets(long seed, boolean recordSeparator, boolean backslashBeforeNewline) {
            this.random = new Random(seed);
            this.recordSeparator = recordSeparator;
            this.backslashBeforeNewline = backslashBeforeNewline;
        }

        Random random() {
            return random;
        }

        /** Valid Unicode text (surrogates only in pairs) of up to {@code maxCodePoints} code points. */
        String text(int maxCodePoints) {
            int n = random.nextInt(maxCodePoints + 1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.appendCodePoint(codePoint());
            }
            String s = out.toString();
            if (!backslashBeforeNewline) {
                s = s.replace("\\\n", "\\_\n");
            }
            return s;
        }

        private int codePoint() {
            while (true) {
                int cp = switch (random.nextInt(8)) {
                    case 0, 1, 2 -> 0x20 + random.nextInt(0x5f);
                    case 3 -> random.nextInt(0x20);
                    case 4 -> 0x80 + random.nextInt(0x780);
                    case 5 -> 0x800 + random.nextInt(0xF800);
                    case 6 -> 0x10000 + random.nextInt(0x100000);
                    default -> TRICKY.codePointAt(random.nextInt(TRICKY.length()));
                };
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    continue;
                }
                if (cp == 0x1e && !recordSeparator) {
                    continue;
                }
                if (random.nextInt(50) == 0) {
                    return 0x1F600; // the emoji of the golden cases, now and then
                }
                return cp;
            }
        }

        /** Any UTF-16 text, lone surrogates included. */
        String anyChars(int maxLength) {
            int n = random.nextInt(maxLength + 1);
            StringBuilder out = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                out.append(random.nextInt(4) == 0 ? (char) (0xD800 + random.nextInt(0x800)) : (char) random.nextInt(0x10000));
            }
            return out.toString();
        }

        byte[] bytes(int maxLength) {
            byte[] data = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(data);
            return data;
        }

        Packet packet() {
            if (random.nextInt(4) == 0) {
                return Packet.message(bytes(40));
            }
            PacketType type = random.nextInt(2) == 0 ? PacketType.MESSAGE : TYPES[random.nextInt(TYPES.length)];
            return new Packet.Text(type, text(random.nextInt(10) == 0 ? 200 : 12));
        }

        Packet textPacket() {
            PacketType type = TYPES[random.nextInt(TYPES.length)];
            return new Packet.Text(type, text(12));
        }

        List<Packet> packets(int min, int max) {
            int n = min + random.nextInt(max - min + 1);
            List<Packet> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(packet());
            }
            return out;
        }
    }

    /** An input that the codecs must either decode or reject with {@link DecodeException}. */
    @FunctionalInterface
    interface Decoder {
        void decode() throws DecodeException;
    }

    /** Runs {@code decoder}; anything thrown other than {@link DecodeException} fails the test, naming the input. */
    static void decodesOrThrowsDecodeException(Decoder decoder, String input) {
        try {
            decoder.decode();
        } catch (DecodeException expected) {
            // fine: malformed input
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoder threw " + e + " instead of DecodeException for input " + input, e);
        }
    }
}
