package io.socketee.example.runtimes;

class TomcatIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new StockTomcat();
    }
}
