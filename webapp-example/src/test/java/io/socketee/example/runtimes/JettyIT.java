package io.socketee.example.runtimes;

class JettyIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new StockJetty();
    }
}
