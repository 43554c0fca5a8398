package io.socketee.socketio.cdi;

/** A public class JSON-B cannot create: no no-argument constructor, no creator. For {@link HandlerMethodTest}. */
public final class NoDefaultConstructor {
    public NoDefaultConstructor(int value) {
    }
}
