package io.socketee.it.cdi;

import org.eclipse.jetty.ee10.cdi.CdiDecoratingListener;
import org.eclipse.jetty.ee10.cdi.CdiServletContainerInitializer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * What Arquillian's Jetty adapter cannot be told in {@code arquillian.xml}, for every WAR it deploys: load classes as
 * the servlet spec says, WEB-INF first (the adapter's default is parent first, and its {@code classloaderBehavior}
 * setting is an enum that Arquillian's configuration cannot set; parent first would take the library and the test
 * beans from the test classpath, without the CDI API); and Jetty's CDI integration in {@code CdiDecoratingListener}
 * mode, the context parameter {@code org.eclipse.jetty.cdi} that a server's {@code ee10-cdi-decorate} module is meant
 * to set.
 * An Arquillian extension (META-INF/services); does nothing where the Jetty adapter is absent (the Tomcat run).
 */
public final class JettyWebApps implements LoadableExtension {
    private static final String PROCESSOR =
            "org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor";

    @Override
    public void register(ExtensionBuilder builder) {
        if (Validate.classExists(PROCESSOR)) {
            builder.service(WebAppContextProcessor.class, Setup.class);
        }
    }

    /** Applied by the adapter to each WAR's context before it starts. */
    public static final class Setup implements WebAppContextProcessor {
        @Override
        public void process(WebAppContext context, Archive<?> archive) {
            context.setParentLoaderPriority(false);
            context.setInitParameter(CdiServletContainerInitializer.CDI_INTEGRATION_ATTRIBUTE,
                    CdiDecoratingListener.MODE);
        }
    }
}
