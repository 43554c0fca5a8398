package io.socketee.example.runtimes;

class GlassFishIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new GlassFish();
    }
}
