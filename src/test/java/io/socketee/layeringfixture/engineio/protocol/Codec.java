package io.socketee.layeringfixture.engineio.protocol;

/** Allowed: the Engine.IO core on the JDK. */
public final class Codec {
    java.util.List<String> frames;
}
