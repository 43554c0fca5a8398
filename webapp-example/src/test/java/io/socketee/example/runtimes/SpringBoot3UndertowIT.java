package io.socketee.example.runtimes;

class SpringBoot3UndertowIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new SpringBootApp("boot3-undertow");
    }
}
