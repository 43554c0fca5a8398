package io.socketee.layeringfixture.socketio.admin;

/** Allowed: the Admin UI's hash class on jBCrypt, the Admin UI on the Socket.IO server. */
public final class BcryptHash {
    org.mindrot.jbcrypt.BCrypt bcrypt;
    io.socketee.layeringfixture.socketio.Server server;
}
