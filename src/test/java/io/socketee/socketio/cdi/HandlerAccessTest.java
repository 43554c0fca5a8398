package io.socketee.socketio.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socketee.socketio.core.Handshake;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonValue;
import java.lang.reflect.Method;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on handler classes and methods, read by name. */
class HandlerAccessTest {
    @RolesAllowed("admin")
    static class Admin {
        public void inherits() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }

        @RolesAllowed({"auditor", "user"})
        public void either() {
        }

        @RolesAllowed("**")
        public void anyUser() {
        }

        @PermitAll
        @DenyAll
        public void both() {
        }
    }

    static class Plain {
        public void free() {
        }
    }

    private static Handshake handshake(String user, String... roles) {
        Optional<Principal> principal = user == null ? Optional.empty() : Optional.of(() -> user);
        return new Handshake(Map.of(), Map.of(), JsonValue.EMPTY_JSON_OBJECT, "127.0.0.1", Instant.now(), false,
                "/", principal, Optional.empty(), Set.of(roles));
    }

    private static HandlerAccess access(Class<?> type, String name) throws NoSuchMethodException {
        Method method = type.getMethod(name);
        return HandlerAccess.of(type, method, p -> { throw new AssertionError(p); });
    }

    @Test
    void theMethodsAnnotationWinsOverTheClasses() throws Exception {
        Handshake admin = handshake("ann", "admin");
        Handshake user = handshake("bob", "user");
        Handshake anonymous = handshake(null);
        assertTrue(access(Admin.class, "inherits").admits(admin));
        assertFalse(access(Admin.class, "inherits").admits(user));
        assertTrue(access(Admin.class, "open").admits(anonymous));
        assertFalse(access(Admin.class, "closed").admits(admin));
        assertTrue(access(Admin.class, "either").admits(user));
        assertFalse(access(Admin.class, "either").admits(admin));
        assertTrue(access(Admin.class, "anyUser").admits(handshake("carl")));
        assertFalse(access(Admin.class, "anyUser").admits(anonymous));
        assertTrue(access(Plain.class, "free").admits(anonymous));
        assertFalse(access(Plain.class, "free").declared());
    }

    @Test
    void rolesAllowedWithoutAUserAdmitsNobodyEvenWithTheRoleCaptured() throws Exception {
        assertFalse(access(Admin.class, "inherits").admits(handshake(null, "admin")));
    }

    @Test
    void namesTheRolesToCaptureAndReportsConflictingAnnotations() throws Exception {
        assertEquals(Set.of("auditor", "user"), access(Admin.class, "either").roles());
        assertEquals(Set.of(), access(Admin.class, "anyUser").roles());
        List<String> problems = new ArrayList<>();
        HandlerAccess.of(Admin.class, Admin.class.getMethod("both"), problems::add);
        assertEquals(List.of("method io.socketee.socketio.cdi.HandlerAccessTest$Admin.both carries more than one of"
                + " @RolesAllowed, @PermitAll, @DenyAll: keep one"), problems);
    }

    @Test
    void aNamespaceOfSeveralClassesAdmitsWhomOneAdmits() throws Exception {
        HandlerAccess union = HandlerAccess.anyOf(List.of(HandlerAccess.ofClass(Admin.class, p -> { }),
                access(Admin.class, "either")));
        assertTrue(union.admits(handshake("bob", "user")));
        assertTrue(union.admits(handshake("ann", "admin")));
        assertFalse(union.admits(handshake("eve", "guest")));
    }
}
