package io.socketee.example.boot;

/** A message to a room, as the client sends it and as the room's other users get it (public: JSON-B binds it). */
public record Message(String room, String from, String text, long at) { }
