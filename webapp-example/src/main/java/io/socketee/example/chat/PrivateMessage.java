package io.socketee.example.chat;

/** A message to one user, by nickname. */
public record PrivateMessage(String to, String from, String text, long at) { }
