package io.socketee.example.runtimes;

class SpringBoot4JettyIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new SpringBootApp("boot4-jetty");
    }
}
