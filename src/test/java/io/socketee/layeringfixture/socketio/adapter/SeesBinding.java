package io.socketee.layeringfixture.socketio.adapter;

/** Breaks the table: an adapter sees a binding. */
public final class SeesBinding {
    io.socketee.layeringfixture.engineio.servlet.Binding binding;
}
