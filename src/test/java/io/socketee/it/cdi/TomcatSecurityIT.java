package io.socketee.it.cdi;

/** Container security and validation of CDI handlers on embedded Tomcat 11 (execution tomcat-cdi). */
class TomcatSecurityIT extends SecurityContract {
}
