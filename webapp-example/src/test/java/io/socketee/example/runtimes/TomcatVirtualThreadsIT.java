package io.socketee.example.runtimes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Every check of the runtime contract on stock Tomcat whose connector runs requests on virtual threads (Java 21+). */
class TomcatVirtualThreadsIT extends RuntimeContract {
    @Override
    ServerRuntime runtime() {
        return StockTomcat.onVirtualThreads();
    }

    @Test
    @Order(8)
    void theConnectorHasNoPlatformWorkerThreads() throws Exception {
        // with useVirtualThreads the connector's executor starts a virtual thread per task: no "http-nio-<port>-exec-N"
        List<String> threads = runtime.threadNames();
        List<String> workers = threads.stream().filter(n -> n.contains("-exec-")).toList();
        assertTrue(workers.isEmpty(), "platform worker threads: " + workers);
        assertTrue(threads.stream().anyMatch(n -> n.startsWith("http-nio-")), "the connector's poller: " + threads);
    }
}
