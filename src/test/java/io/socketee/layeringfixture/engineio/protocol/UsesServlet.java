package io.socketee.layeringfixture.engineio.protocol;

/** Breaks the JDK-only core and the servlet rule. */
public final class UsesServlet {
    jakarta.servlet.http.HttpServletRequest request;
}
