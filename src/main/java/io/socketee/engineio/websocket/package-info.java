/**
 * The Jakarta WebSocket (JSR-356) binding of the WebSocket transport. Thin: the protocol lives in
 * {@link io.socketee.engineio}.
 */
package io.socketee.engineio.websocket;
