/**
 * Engine.IO wire format, both generations: packets, the single-packet codec used by WebSocket frames, and the polling
 * payload framings (v4 record-separated, v3 length-prefixed string and XHR2 binary, JSONP). Pure functions of their
 * input, JDK only, safe from any thread; malformed input raises {@link io.socketee.engineio.protocol.DecodeException}
 * and nothing else.
 */
package io.socketee.engineio.protocol;
