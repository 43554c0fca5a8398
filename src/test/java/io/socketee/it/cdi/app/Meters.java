package io.socketee.it.cdi.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The application's meter registry, which the library binds its meters to (a singleton: a registry is no proxy). */
@ApplicationScoped
public class Meters {
    @Produces
    @Singleton
    MeterRegistry registry() {
        return new SimpleMeterRegistry();
    }
}
