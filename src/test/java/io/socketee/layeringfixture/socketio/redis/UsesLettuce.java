package io.socketee.layeringfixture.socketio.redis;

/** Breaks the Lettuce rule: Lettuce outside its driver. */
public final class UsesLettuce {
    io.lettuce.core.RedisClient client;
}
