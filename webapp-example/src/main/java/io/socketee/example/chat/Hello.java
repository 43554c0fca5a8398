package io.socketee.example.chat;

/** The client's {@code auth} object: the nickname it picked. */
public record Hello(String nick) { }
