package io.socketee.example.runtimes;

class PayaraMicro6IT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new PayaraMicro("6.2025.10", false);
    }
}
