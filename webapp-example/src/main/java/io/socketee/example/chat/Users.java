package io.socketee.example.chat;

import java.util.List;

/** Who is in a room. */
public record Users(String room, List<String> users) { }
