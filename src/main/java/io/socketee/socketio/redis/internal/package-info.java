/**
 * Wire formats of the Redis adapter and emitter: a bounded msgpack codec and the JSON text of the Node adapter's
 * messages, both between bytes and JSON-P trees only. Not an API: may change without notice.
 */
package io.socketee.socketio.redis.internal;
