package io.socketee.it.cdi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Messages of exceptions, their causes and suppressed exceptions, one per line. */
final class Failures {
    private Failures() {
    }

    /**
     * What a deployment reports: the exception it throws, if any, then what is logged meanwhile, messages and
     * exceptions. A WAR that fails to start is logged, not thrown, by both containers' deployers (Jetty's
     * DeploymentManager, Tomcat's HostConfig), and Arquillian's adapters do not look at the outcome; Jetty logs through
     * SLF4J, routed to java.util.logging in the tests.
     */
    static String whileDeploying(Runnable deploy) {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (records) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        StringBuilder out = new StringBuilder();
        try {
            deploy.run();
        } catch (Exception e) {
            out.append(describe(e));
        } finally {
            root.removeHandler(capture);
        }
        synchronized (records) {
            for (LogRecord record : records) {
                out.append(record.getMessage()).append('\n');
                if (record.getThrown() != null) {
                    out.append(describe(record.getThrown()));
                }
            }
        }
        return out.toString();
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
