package io.socketee.example.chat;

/** What goes with an image's bytes (sent as a binary attachment next to it). */
public record Image(String room, String from, String name, String type) { }
