package io.socketee.testing.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;

/** Injected into {@link Chat}. */
@ApplicationScoped
public class Greeter {
    public String greet(String name) {
        return "hello " + name;
    }
}
