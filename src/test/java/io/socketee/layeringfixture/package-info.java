/**
 * Fixtures of {@code LayeringRulesTest}: a small tree shaped like the library (engineio, socketio, jakarta, ...)
 * where a few classes break one rule of {@code Layering} each, and the others are what the rules must allow. Never
 * part of the library; each class only holds fields of the types it is meant to depend on.
 */
package io.socketee.layeringfixture;
