package io.socketee.it.cdi.app;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** One per request context: shows that each handler call runs in a request context of its own. */
@RequestScoped
public class RequestState {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final int id = COUNTER.incrementAndGet();

    public int id() {
        return id;
    }
}
