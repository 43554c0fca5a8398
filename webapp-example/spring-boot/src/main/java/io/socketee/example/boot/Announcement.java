package io.socketee.example.boot;

/** A notice to every connected user. */
public record Announcement(String text, long at) { }
