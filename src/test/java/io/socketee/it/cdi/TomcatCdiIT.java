package io.socketee.it.cdi;

/**
 * The CDI extension in WARs on embedded Tomcat 11 with weld-servlet in the WAR, deployed by Arquillian (execution
 * tomcat-cdi; the realm and the jar scanner are in each WAR's META-INF/context.xml, see {@link TestWars}).
 */
class TomcatCdiIT extends CdiContract {
}
