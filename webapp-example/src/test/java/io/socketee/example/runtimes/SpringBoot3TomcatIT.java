package io.socketee.example.runtimes;

class SpringBoot3TomcatIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return new SpringBootApp("boot3-tomcat");
    }
}
