package io.socketee.it.cdi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An embedded container that deploys exploded WARs with Weld in them, on 127.0.0.1. */
interface CdiContainer extends AutoCloseable {
    /** User "alice", password "secret", role "user", in realm "socketee". */
    String USER = "alice";
    String PASSWORD = "secret";

    /**
     * A WAR to deploy.
     *
     * @param path    the context path, {@code ""} for the root
     * @param war     the exploded WAR
     * @param params  context parameters set by the container's configuration of the context (as Tomcat's
     *                {@code <Parameter>} or a Jetty context XML), besides those of the WAR's web.xml
     */
    record Deployment(String path, Path war, Map<String, String> params) {
    }

    /** Starts with these WARs on a free port; the port. */
    int start(List<Deployment> wars) throws Exception;

    /**
     * Deploys a WAR that must fail, alone, on a free port; returns the messages of the failure and its causes
     * (empty when it started).
     */
    String failedDeployment(Path war) throws Exception;

    /** {@code jetty} or {@code tomcat}. */
    String name();

    @Override
    void close() throws Exception;
}
