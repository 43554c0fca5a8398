package io.socketee.layeringfixture.socketio.redis;

/** Allowed: the Lettuce driver on Lettuce and Netty. */
public final class LettuceRedisDriver {
    io.lettuce.core.RedisClient client;
    io.socketee.layeringfixture.socketio.Server server;

    /** Allowed too: a class nested in the driver. */
    static final class Connection {
        io.netty.util.concurrent.Future<?> closing;
    }
}
