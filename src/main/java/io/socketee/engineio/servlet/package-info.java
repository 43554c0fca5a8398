/**
 * The Jakarta Servlet binding: an async servlet serving Engine.IO long-polling and handing WebSocket upgrades to the
 * JSR-356 endpoint. Thin: the protocol lives in {@link io.socketee.engineio}.
 */
package io.socketee.engineio.servlet;
