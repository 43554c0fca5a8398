package io.socketee.it.cdi;

/**
 * The CDI extension in WARs on embedded Jetty 12 ee10 with its CDI integration and Weld in the WAR, deployed by
 * Arquillian (execution jetty-cdi; the context setup Arquillian's configuration cannot express is in
 * {@link JettyWebApps}).
 */
class JettyCdiIT extends CdiContract {
}
