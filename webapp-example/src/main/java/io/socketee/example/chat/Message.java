package io.socketee.example.chat;

/** A chat message: sent by a client to a room (from and at filled in by the server). */
public record Message(String room, String from, String text, long at) { }
