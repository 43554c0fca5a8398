package io.socketee.it.cdi;

/** Container security and validation of CDI handlers on embedded Jetty 12 ee10 (execution jetty-cdi). */
class JettySecurityIT extends SecurityContract {
}
