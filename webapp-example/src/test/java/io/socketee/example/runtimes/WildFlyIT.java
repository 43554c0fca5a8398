package io.socketee.example.runtimes;

class WildFlyIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new WildFly();
    }
}
