package io.socketee.it.cdi.app;

/** A chat message, bound from and to JSON with JSON-B. */
public record ChatMessage(String user, String text) {
}
