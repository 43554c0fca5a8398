package io.socketee.example.chat;

/** A notice from the operator to every connected user, sent with {@code POST /announce}. */
public record Announcement(String text, long at) { }
