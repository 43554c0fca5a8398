package io.socketee.it.cdi;

/** The CDI extension in WARs on embedded Jetty 12 ee10 with its CDI integration and Weld in the WAR. */
class JettyCdiIT extends CdiContract {
    @Override
    CdiContainer container() {
        return new JettyCdiContainer();
    }
}
