package io.socketee.layeringfixture.socketio.admin;

/** Breaks the jBCrypt rule: jBCrypt outside the hash class. */
public final class UsesBcrypt {
    org.mindrot.jbcrypt.BCrypt bcrypt;
}
