package io.socketee.example.boot;

/** The ack of a message: the server took it and sent it on. */
public record Receipt(boolean delivered, long at) { }
