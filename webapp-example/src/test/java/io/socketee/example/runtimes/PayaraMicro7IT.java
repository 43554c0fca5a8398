package io.socketee.example.runtimes;

class PayaraMicro7IT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new PayaraMicro("7.2025.1", true);
    }
}
