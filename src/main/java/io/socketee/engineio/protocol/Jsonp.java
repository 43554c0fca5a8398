package io.socketee.engineio.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The JSONP polling framing: a GET answers {@code ___eio[N]("<payload as a JS string>");} and a POST carries the
 * payload in the form field {@code d}, with newlines escaped by the client.
 */
public final class Jsonp {
    private Jsonp() {
    }

    /** Wraps a string payload in the callback for JSONP index {@code index}. */
    public static String wrap(String index, String payload) {
        StringBuilder out = new StringBuilder(payload.length() + 32);
        out.append("___eio[").append(index).append("](");
        appendJsString(out, payload);
        return out.append(");").toString();
    }

    /** Whether a {@code j} query value is acceptable as a JSONP index (digits only: it is written into script). */
    public static boolean isValidIndex(String index) {
        if (index == null || index.isEmpty() || index.length() > 9) {
            return false;
        }
        for (int i = 0; i < index.length(); i++) {
            char c = index.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code s} as a double-quoted JavaScript string, as {@code JSON.stringify} does, and escapes U+2028 and
     * U+2029 too: JSON allows them raw, JavaScript string literals did not.
     */
    static void appendJsString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\u2028', '\u2029' -> appendUnicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0".repeat(4 - hex.length())).append(hex);
    }

    /** Extracts the payload from a JSONP POST body ({@code d=<url-encoded payload>}). */
    public static String unwrapForm(byte[] body) throws DecodeException {
        String form = new String(body, StandardCharsets.UTF_8);
        String value = null;
        for (String field : form.split("&")) {
            int eq = field.indexOf('=');
            String name = eq < 0 ? field : field.substring(0, eq);
            if (name.equals("d")) {
                value = eq < 0 ? "" : field.substring(eq + 1);
                break;
            }
        }
        if (value == null) {
            throw new DecodeException("JSONP body without field d");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid form encoding in JSONP body");
        }
        return unescapeNewlines(decoded);
    }

    /** The client writes a newline as {@code \n} and a literal {@code \n} as {@code \\n}; this reverses that. */
    static String unescapeNewlines(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && s.startsWith("\\\\n", i)) {
                out.append("\\n");
                i += 3;
            } else if (c == '\\' && s.startsWith("\\n", i)) {
                out.append('\n');
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
