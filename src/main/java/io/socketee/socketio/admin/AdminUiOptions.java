package io.socketee.socketio.admin;

import java.util.Objects;
import java.util.Optional;

/**
 * The options of {@link AdminUi#instrument}, with the names and defaults of {@code @socket.io/admin-ui}'s
 * {@code instrument(io, options)}. Immutable; build with {@link #builder()}, which insists that authentication is
 * chosen explicitly ({@link Builder#basicAuth} or {@link Builder#noAuth}), as Node's {@code auth} option must be set
 * or be {@code false}.
 *
 * @param namespaceName the admin namespace, {@code /admin} by default
 * @param auth          basic authentication, or empty for none
 * @param readonly      whether the dashboard may only look ({@code emit}, {@code join}, {@code leave} and
 *                      {@code _disconnect} are neither offered nor handled); false by default
 * @param serverId      this server's name on the dashboard; the host name by default
 * @param mode          {@link Mode#DEVELOPMENT} (every connection, room change and event is reported) by default, as
 *                      on Node without {@code NODE_ENV}; {@link Mode#PRODUCTION} reports only aggregated counts
 */
public record AdminUiOptions(String namespaceName, Optional<BasicAuth> auth, boolean readonly,
                             Optional<String> serverId, Mode mode) {

    /** What the dashboard is sent: everything, or only the aggregated counts. */
    public enum Mode {
        DEVELOPMENT("development"), PRODUCTION("production");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        /** {@code development} or {@code production}, as Node's option. */
        public String wireName() {
            return wireName;
        }

        /** The mode named {@code name} (case-insensitive), or an exception naming the accepted values. */
        public static Mode of(String name) {
            for (Mode mode : values()) {
                if (mode.wireName.equalsIgnoreCase(name)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("mode must be development or production: " + name);
        }
    }

    /**
     * Basic authentication: the dashboard's user name and the bcrypt hash of its password ({@code $2a$}, {@code $2b$}
     * or {@code $2y$}, as {@code bcryptjs} and {@code htpasswd -B} make them). Checking a password needs
     * {@code org.mindrot:jbcrypt} on the classpath.
     *
     * @param username     the user name the dashboard's login must give
     * @param passwordHash the bcrypt hash of the password
     */
    public record BasicAuth(String username, String passwordHash) {
        public BasicAuth {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
        }

        @Override
        public String toString() {
            return "BasicAuth[username=" + username + "]";
        }
    }

    public AdminUiOptions {
        Objects.requireNonNull(namespaceName, "namespaceName");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(mode, "mode");
        if (!namespaceName.startsWith("/")) {
            throw new IllegalArgumentException("namespaceName must start with /: " + namespaceName);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AdminUiOptions}; not thread-safe. */
    public static final class Builder {
        private String namespaceName = "/admin";
        private Optional<BasicAuth> auth;
        private boolean readonly;
        private Optional<String> serverId = Optional.empty();
        private Mode mode = Mode.DEVELOPMENT;

        private Builder() {
        }

        public Builder namespaceName(String name) {
            this.namespaceName = name;
            return this;
        }

        /** Basic authentication with this user name and the bcrypt hash of the password. */
        public Builder basicAuth(String username, String passwordHash) {
            this.auth = Optional.of(new BasicAuth(username, passwordHash));
            return this;
        }

        /** No authentication: anyone who reaches the admin namespace may use it (Node's {@code auth: false}). */
        public Builder noAuth() {
            this.auth = Optional.empty();
            return this;
        }

        public Builder readonly(boolean readonly) {
            this.readonly = readonly;
            return this;
        }

        public Builder serverId(String serverId) {
            this.serverId = Optional.of(serverId);
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** @throws IllegalStateException when neither {@link #basicAuth} nor {@link #noAuth} was called */
        public AdminUiOptions build() {
            if (auth == null) {
                throw new IllegalStateException("the Admin UI's authentication must be chosen: basicAuth(username, "
                        + "passwordHash) or noAuth()");
            }
            return new AdminUiOptions(namespaceName, auth, readonly, serverId, mode);
        }
    }
}
