package io.socketee.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that hands each test method (or {@code @BeforeEach} method) that asks for one a fresh
 * {@link TestServer}, a {@link TestCluster} of two, or a {@link VirtualClock} (the clock of that test's server), and
 * closes them after the test, so that no test forgets to:
 *
 * <pre>{@code
 * @ExtendWith(SocketeeTest.class)
 * class ChatTest {
 *     @Test
 *     void greets(TestServer server) {
 *         server.io().onConnection(socket -> socket.emit("hello"));
 *         server.connect().received("hello");
 *     }
 * }
 * }</pre>
 *
 * <p>Within one test, every parameter of one type is the same instance (a {@code @BeforeEach} method and the test
 * share the server). For other settings build the server yourself ({@link TestServer#builder()}) and close it in an
 * {@code @AfterEach} method. Threading: JUnit's.
 */
public final class SocketeeTest implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SocketeeTest.class);

    /** Made by JUnit. */
    public SocketeeTest() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestServer.class || type == TestCluster.class || type == VirtualClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext.Store store = store(context);
        if (type == TestCluster.class) {
            return store.getOrComputeIfAbsent(TestCluster.class, k -> track(store, TestCluster.create(2)),
                    TestCluster.class);
        }
        TestServer server = store.getOrComputeIfAbsent(TestServer.class, k -> track(store, TestServer.create()),
                TestServer.class);
        if (type == TestServer.class) {
            return server;
        }
        if (type == VirtualClock.class) {
            return server.clock();
        }
        throw new ParameterResolutionException("not a type of the test kit: " + type);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        List<AutoCloseable> opened = (List<AutoCloseable>) store(context).remove(List.class, List.class);
        if (opened == null) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable closeable : opened) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + closeable + " failed", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The store of the test method, shared by its {@code @BeforeEach} methods. */
    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(NAMESPACE);
    }

    @SuppressWarnings("unchecked")
    private static <T extends AutoCloseable> T track(ExtensionContext.Store store, T closeable) {
        ((List<AutoCloseable>) store.getOrComputeIfAbsent(List.class, k -> new ArrayList<AutoCloseable>(),
                List.class)).add(closeable);
        return closeable;
    }
}
