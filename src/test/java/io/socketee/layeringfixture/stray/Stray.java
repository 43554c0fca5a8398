package io.socketee.layeringfixture.stray;

/** Breaks the table: a package in no layer. */
public final class Stray {
    int nothing;
}
