package io.socketee.jakarta;

import io.socketee.engineio.AllowRequest;
import io.socketee.engineio.spi.EngineIoRequest;

/**
 * The handshake filter of an application whose filter may be a CDI bean: the engine is built when the application
 * deploys, before CDI has started, so it gets this, which asks the configured filter until the bean is handed over
 * and the bean from then on. Thread-safe: the filter is set once on the deploying thread and read on request threads.
 */
final class DeferredAllowRequest implements AllowRequest {
    private volatile AllowRequest target;

    DeferredAllowRequest(AllowRequest initial) {
        this.target = initial;
    }

    /** From now on, {@code filter} decides. */
    void set(AllowRequest filter) {
        target = filter;
    }

    @Override
    public boolean allow(EngineIoRequest request) {
        return target.allow(request);
    }
}
