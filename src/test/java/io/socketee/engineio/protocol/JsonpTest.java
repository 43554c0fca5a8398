package io.socketee.engineio.protocol;

import static io.socketee.engineio.protocol.CodecTestSupport.ROUND_TRIPS;
import static io.socketee.engineio.protocol.CodecTestSupport.SEED;
import static io.socketee.engineio.protocol.CodecTestSupport.clientJsonpForm;
import static io.socketee.engineio.protocol.CodecTestSupport.clientReadJsonp;
import static io.socketee.engineio.protocol.CodecTestSupport.hex;
import static io.socketee.engineio.protocol.CodecTestSupport.decodesOrThrowsDecodeException;
import static io.socketee.engineio.protocol.CodecTestSupport.utf8;
import static io.socketee.engineio.protocol.CodecTestSupport.visible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSONP framing: GET answers {@code ___eio[N]("<payload as a JS string>");}, POST sends {@code d=<payload>}
 * form-encoded, the client having written each newline as backslash-n and each backslash-n as backslash-backslash-n.
 */
class JsonpTest {

    // ================================================================== GET: the callback script

    /** Index, payload, and the exact script the server answers. */
    static Stream<Arguments> scripts() {
        return Stream.of(
                arguments("4", "6:4hello2:4€", "___eio[4](\"6:4hello2:4€\");"),
                arguments("0", "3:4😀", "___eio[0](\"3:4😀\");"),
                arguments("0", "0:", "___eio[0](\"0:\");"),
                arguments("1", "4hello\u001ebAQIDBA==", "___eio[1](\"4hello\\u001ebAQIDBA==\");"),
                arguments("12", "2:4€10:b4AQIDBA==", "___eio[12](\"2:4€10:b4AQIDBA==\");"),
                arguments("2", "4a\u2028b\u2029c", "___eio[2](\"4a\\u2028b\\u2029c\");"),
                arguments("3", "4\"q\" \\ \n\r\t\b\f\u0000\u0001\u001f\u007f/</script>",
                        "___eio[3](\"4\\\"q\\\" \\\\ \\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\u007f/</script>\");"),
                arguments("5", "4\uD83Dx\uDE00y😀", "___eio[5](\"4\\ud83dx\\ude00y😀\");"),
                arguments("6", "4\uD83D\uD83D\uDE00\uDE00", "___eio[6](\"4\\ud83d😀\\ude00\");"),
                arguments("7", "4\\n", "___eio[7](\"4\\\\n\");"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("scripts")
    void wrapsPayloadInCallbackScript(String index, String payload, String script) {
        assertEquals(script, Jsonp.wrap(index, payload));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("scripts")
    void callbackScriptReadsBackAsPayload(String index, String payload, String script) {
        assertEquals(payload, clientReadJsonp(script, index));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4", "123456789"})
    void acceptsDigitIndex(String index) {
        assertTrue(Jsonp.isValidIndex(index));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1234567890", "-1", "+1", "1a", " 1", "1)", "٣", "0x1", "1.0"})
    void rejectsIndexThatIsNotAShortDigitString(String index) {
        assertFalse(Jsonp.isValidIndex(index));
    }

    // ================================================================== POST: the form body

    /** Payload, and the exact form body the v3 JSONP client posts for it. */
    static Stream<Arguments> forms() {
        return Stream.of(
                arguments("6:4hello2:4€", "d=6%3A4hello2%3A4%E2%82%AC"),
                arguments("3:4😀", "d=3%3A4%F0%9F%98%80"),
                arguments("4:4a\nb", "d=4%3A4a%5Cnb"),
                arguments("5:4a\\nb", "d=5%3A4a%5C%5Cnb"),
                arguments("4:4a b", "d=4%3A4a+b"),
                arguments("2:4€10:b4AQIDBA==", "d=2%3A4%E2%82%AC10%3Ab4AQIDBA%3D%3D"),
                arguments("4hello\u001ebAQIDBA==", "d=4hello%1EbAQIDBA%3D%3D"),
                arguments("2:4\u2028", "d=2%3A4%E2%80%A8"),
                arguments("6:4&d=%+", "d=6%3A4%26d%3D%25%2B"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("forms")
    void clientPostsPayloadAsFormBody(String payload, String body) {
        assertArrayEquals(body.getBytes(StandardCharsets.US_ASCII), clientJsonpForm(payload));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("forms")
    void unwrapsPayloadFromFormBody(String payload, String body) throws DecodeException {
        assertEquals(payload, Jsonp.unwrapForm(body.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void unwrapsFieldDAmongOtherFields() throws DecodeException {
        assertEquals("2:4x", Jsonp.unwrapForm(utf8("x=1&d=2%3A4x&y=2")));
    }

    @Test
    void unwrapsUnescapedColons() throws DecodeException {
        assertEquals("6:4hello", Jsonp.unwrapForm(utf8("d=6:4hello")));
    }

    @Test
    void unwrapsRawUtf8() throws DecodeException {
        assertEquals("2:4€3:4😀", Jsonp.unwrapForm(utf8("d=2:4€3:4😀")));
    }

    @Test
    void unwrapsEmptyFieldAsEmptyPayload() throws DecodeException {
        assertEquals("", Jsonp.unwrapForm(utf8("d=")));
        assertEquals("", Jsonp.unwrapForm(utf8("d")));
    }

    @Test
    void unescapesClientNewlineEscapes() {
        assertEquals("a\nb", Jsonp.unescapeNewlines("a\\nb"));
        assertEquals("a\\nb", Jsonp.unescapeNewlines("a\\\\nb"));
        assertEquals("\n\n", Jsonp.unescapeNewlines("\\n\\n"));
        assertEquals("\\\\n", Jsonp.unescapeNewlines("\\\\\\n"));
        assertEquals("\\\\\\n", Jsonp.unescapeNewlines("\\\\\\\\n"));
    }

    @Test
    void leavesOtherBackslashesAlone() {
        assertEquals("no escapes", Jsonp.unescapeNewlines("no escapes"));
        assertEquals("a\\b\\t\\", Jsonp.unescapeNewlines("a\\b\\t\\"));
        assertEquals("\\\\", Jsonp.unescapeNewlines("\\\\"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x=1", "dd=6%3A4hello", "D=2%3A4x", "data=2%3A4x", "&", "=d", "x=d"})
    void rejectsBodyWithoutFieldD(String body) {
        assertThrows(DecodeException.class, () -> Jsonp.unwrapForm(utf8(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"d=%zz", "d=%4", "d=%", "d=6%3A4hell%G0", "d=%-1", "d=2%3A4%E2%82%A"})
    void rejectsBadPercentEscape(String body) {
        assertThrows(DecodeException.class, () -> Jsonp.unwrapForm(utf8(body)));
    }

    // ================================================================== randomized

    @Test
    void callbackScriptReadsBackAsPayloadForRandomStrings() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String payload = i % 2 == 0 ? random.text(20) : random.anyChars(20);
            String index = Integer.toString(i);
            String script = Jsonp.wrap(index, payload);
            assertEquals(payload, clientReadJsonp(script, index), () -> visible(script));
        }
    }

    @Test
    void formBodyReadsBackAsPayloadForRandomText() throws DecodeException {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, false);
        for (int i = 0; i < ROUND_TRIPS; i++) {
            String payload = random.text(20);
            byte[] body = clientJsonpForm(payload);
            assertEquals(payload, Jsonp.unwrapForm(body), () -> visible(payload) + " as " + hex(body));
        }
    }

    @Test
    void unwrapThrowsOnlyDecodeExceptionOnRandomInput() {
        CodecTestSupport.RandomPackets random = new CodecTestSupport.RandomPackets(SEED, true, true);
        String alphabet = "d=&%+\\n0123456789abcdefABCDEFzZ-";
        for (int i = 0; i < ROUND_TRIPS; i++) {
            byte[] garbage = random.bytes(16);
            StringBuilder form = new StringBuilder(i % 2 == 0 ? "d=" : "");
            int n = random.random().nextInt(16);
            for (int j = 0; j < n; j++) {
                form.append(alphabet.charAt(random.random().nextInt(alphabet.length())));
            }
            byte[] formBytes = utf8(form.toString());
            decodesOrThrowsDecodeException(() -> Jsonp.unwrapForm(garbage), hex(garbage));
            decodesOrThrowsDecodeException(() -> Jsonp.unwrapForm(formBytes), form.toString());
        }
    }
}
