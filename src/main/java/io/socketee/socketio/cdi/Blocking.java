package io.socketee.socketio.cdi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks {@link SocketEvent}, {@link OnConnect}, {@link AfterConnect} and {@link OnDisconnect} methods (on a method)
 * or all of them in a class (on the class) as blocking: they run on the server's blocking executor instead of the
 * container thread that read the packet, so they may use JPA, JDBC, REST clients or EJBs. The executor is the
 * container's {@code java:comp/DefaultManagedExecutorService} where it has one, else virtual threads (Java 21 and
 * later), else a bounded pool ({@link io.socketee.socketio.SocketIoConfig#blockingExecutor()}).
 *
 * <p>What holds on the worker: a socket's handlers run in the order its packets arrived and never concurrently (an
 * event for a handler that is not blocking waits behind the socket's blocking ones); the CDI request context is
 * active, as on a container thread; acknowledgements, return values and emits work as from a container thread. At most
 * {@link io.socketee.socketio.SocketIoConfig#maxQueuedEvents()} events of one socket wait; one beyond is not handled,
 * and its ack gets {@code {"message":"Too many events waiting on this socket"}}.
 *
 * <p>The whole server can be made blocking instead, with
 * {@link io.socketee.socketio.SocketIoConfig.Builder#handlers}({@code HandlerMode.BLOCKING}). Not allowed on
 * {@link OnError} methods: they run where the failing handler ran.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Blocking {
}
