/**
 * The test kit's CDI mode: {@link io.socketee.testing.cdi.CdiTestServer} runs CDI handler beans
 * ({@code @SocketNamespace} classes) in a CDI SE container (Weld SE in the tests) on a
 * {@link io.socketee.testing.TestServer}, so that handler classes are tested as they are deployed: found, checked and
 * bound by the library's CDI extension, with injection. Apart from {@code io.socketee.testing}, so that tests without
 * CDI never load the CDI API.
 */
package io.socketee.testing.cdi;
