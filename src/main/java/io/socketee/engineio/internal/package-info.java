/**
 * Helpers of the Engine.IO core that the layers above share instead of copying (the Socket.IO server and the Redis
 * adapter use them too). Not an API: may change without notice. JDK only, like the rest of the core.
 */
package io.socketee.engineio.internal;
