package io.socketee.layeringfixture.engineio.servlet;

/** Allowed: a binding on the servlet API and the Engine.IO core. */
public final class Binding {
    jakarta.servlet.http.HttpServletRequest request;
    io.socketee.layeringfixture.engineio.Session session;
}
