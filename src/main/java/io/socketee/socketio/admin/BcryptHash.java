package io.socketee.socketio.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/**
 * A bcrypt password hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost 4 to 31), checked with jBCrypt
 * ({@code org.mindrot:jbcrypt}, an optional dependency). The three versions compute the same hash for every password
 * jBCrypt can take (they differ in bugs of other implementations that jBCrypt does not have), so {@code $2b$} and
 * {@code $2y$} hashes are checked as {@code $2a$}. As {@code bcryptjs}: the password is UTF-8, only its first 72 bytes
 * count. Immutable; {@link #matches} takes as long as the cost says (about 50 ms at cost 10) and must not run on a
 * container thread.
 */
final class BcryptHash {
    private static final Pattern FORMAT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final String JBCRYPT = "org.mindrot.jbcrypt.BCrypt";

    private final String normalized;

    private BcryptHash(String normalized) {
        this.normalized = normalized;
    }

    /**
     * Parses a hash.
     *
     * @throws IllegalArgumentException when it is not a bcrypt hash (the message does not repeat it)
     * @throws IllegalStateException    when jBCrypt is not on the classpath
     */
    static BcryptHash parse(String hash) {
        var matcher = FORMAT.matcher(hash == null ? "" : hash.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("the password hash is not a bcrypt hash ($2a$, $2b$ or $2y$, cost, "
                    + "53 characters of salt and hash)");
        }
        int cost = Integer.parseInt(matcher.group(1));
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("the bcrypt cost must be between 04 and 31: " + cost);
        }
        try {
            Class.forName(JBCRYPT, false, BcryptHash.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("checking the Admin UI's password needs jBCrypt on the classpath "
                    + "(org.mindrot:jbcrypt:0.4, an optional dependency of Socketee)", e);
        }
        String stripped = hash.strip();
        return new BcryptHash("$2a$" + stripped.substring(4));
    }

    /** Whether {@code password} has this hash; compares in constant time. */
    boolean matches(String password) {
        if (password == null) {
            return false;
        }
        String computed;
        try {
            computed = org.mindrot.jbcrypt.BCrypt.hashpw(password, normalized);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                normalized.getBytes(StandardCharsets.US_ASCII));
    }
}
