package io.socketee.bench.upgrade;

/**
 * Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), which
 * {@code new String(bytes, UTF_8)} does not do: it replaces bad input with U+FFFD, where RFC 6455 wants a close 1007.
 * Stateless; any thread.
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {           // ASCII, the common case
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int need;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false;       // a continuation byte first, C0/C1 (always overlong), or F5..FF
            }
            if (end - i - 1 < need) {
                return false;       // the sequence is cut short
            }
            int codePoint = lead & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
