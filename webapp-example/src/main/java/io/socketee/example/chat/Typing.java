package io.socketee.example.chat;

/** Someone starts or stops typing in a room. */
public record Typing(String room, String from, boolean typing) { }
