/**
 * The test kit: tests of Socket.IO handlers that run in milliseconds, without a network or a container.
 *
 * <ul>
 * <li>{@link io.socketee.testing.TestServer}: a server whose every timer runs on a
 *     {@link io.socketee.testing.VirtualClock}.</li>
 * <li>{@link io.socketee.testing.TestClient}: an in-memory client of either protocol generation, through the
 *     Engine.IO host interfaces ({@code io.socketee.engineio.spi}) and the server's own packet codecs; its assertions
 *     ({@code received("news")}, {@link io.socketee.testing.PendingAck#await()}) fail as JUnit 5 assertions do.</li>
 * <li>{@link io.socketee.testing.TestCluster}: several servers in one JVM joined by an in-memory bus
 *     ({@link io.socketee.testing.InMemoryBus}) over the adapter SPI: broadcasts, {@code fetchSockets},
 *     {@code serverSideEmit}, remote acks.</li>
 * <li>{@code io.socketee.testing.cdi}: CDI handler beans ({@code @SocketNamespace}) on Weld SE.</li>
 * <li>{@link io.socketee.testing.SocketeeTest}: a JUnit 5 extension that hands tests a fresh server (or cluster) and
 *     closes it after them.</li>
 * </ul>
 *
 * <p>Part of the library jar, but used by tests only: it needs {@code org.junit.jupiter:junit-jupiter-api} (a
 * {@code provided} dependency of the library: the application's tests bring it), and nothing outside this package
 * uses it.
 *
 * <p>Threading: the kit is driven from the test's thread. What the client answers by itself (pongs, its listeners'
 * acks) runs on the virtual clock's queue at the current virtual time, so that nothing is sent to the server from
 * inside the server's own send; every method of the kit runs that queue before it looks.
 */
package io.socketee.testing;
