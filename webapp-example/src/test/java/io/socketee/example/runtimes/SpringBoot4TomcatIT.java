package io.socketee.example.runtimes;

class SpringBoot4TomcatIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new SpringBootApp("boot4-tomcat");
    }
}
