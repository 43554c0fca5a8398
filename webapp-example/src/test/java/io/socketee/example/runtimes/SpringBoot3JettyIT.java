package io.socketee.example.runtimes;

class SpringBoot3JettyIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new SpringBootApp("boot3-jetty");
    }
}
