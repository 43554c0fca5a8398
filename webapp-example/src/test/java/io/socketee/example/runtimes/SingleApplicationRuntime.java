package io.socketee.example.runtimes;

/**
 * A runtime that holds the chat for its whole life (Payara Micro, a Spring Boot application): it cannot undeploy while
 * running, so ending the chat is stopping the runtime (SIGTERM), which undeploys it first.
 */
abstract class SingleApplicationRuntime extends ServerRuntime {

    SingleApplicationRuntime(String name) {
        super(name);
    }

    @Override
    void undeploy() throws Exception {
        process.stop(STOP_GRACE);
    }

    @Override
    boolean runsAfterUndeploy() {
        return false;
    }
}
