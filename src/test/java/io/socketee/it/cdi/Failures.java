package io.socketee.it.cdi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Messages of an exception, its causes and suppressed exceptions, one per line. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        describe(error, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    private static void describe(Throwable error, StringBuilder out, Set<Throwable> seen) {
        if (error == null || !seen.add(error)) {
            return;
        }
        out.append(error.getClass().getName()).append(": ").append(error.getMessage()).append('\n');
        for (Throwable suppressed : error.getSuppressed()) {
            describe(suppressed, out, seen);
        }
        describe(error.getCause(), out, seen);
    }
}
