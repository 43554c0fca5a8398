package io.socketee.example.chat;

/** The ack of a message: the server took it and sent it on. */
public record Receipt(boolean delivered, long at) { }
