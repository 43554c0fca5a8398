package io.socketee.socketio.cdi;

/** A payload for {@link HandlerMethodTest} (public: JSON-B binds public classes only). */
public record Point(int x, int y) {
}
