package io.socketee.it.cdi;

/** The CDI extension in WARs on embedded Tomcat 11 with weld-servlet in the WAR. */
class TomcatCdiIT extends CdiContract {
    @Override
    CdiContainer container() {
        return new TomcatCdiContainer();
    }
}
