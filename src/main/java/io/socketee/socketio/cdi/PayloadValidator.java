package io.socketee.socketio.cdi;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Validates a handler's arguments before the call. The one implementation, {@link BeanValidation}, uses Jakarta
 * Validation; it is loaded only when a handler's parameters carry its annotations, so that the extension runs
 * without {@code jakarta.validation} where none does. Implementations are thread-safe.
 */
interface PayloadValidator {
    /**
     * Checks the arguments of one call of {@code method} on {@code target}.
     *
     * @param description the handler, as messages name it
     * @param positions   for each parameter, the path segment that names it in a violation ({@code 0} for the first
     *                    event argument, {@code auth}), or null for a context parameter
     * @throws InvalidPayloadException when a constraint is broken
     */
    void validate(Object target, Method method, Object[] args, String description, String[] positions);

    /** Closes what the validator opened (its factory, when it built one). */
    void close();

    /**
     * Whether a parameter asks for validation: {@code @Valid}, or a constraint annotation (one annotated with
     * {@code @Constraint}) on it or on a type argument of its type ({@code List<@Valid Item>}). By name: the
     * Jakarta Validation API need not be present (without it, its annotations are not seen at all).
     */
    static boolean wantsValidation(Annotation[] annotations, AnnotatedType type) {
        for (Annotation annotation : annotations) {
            if (isValidationAnnotation(annotation)) {
                return true;
            }
        }
        if (type != null) {
            for (Annotation annotation : type.getAnnotations()) {
                if (isValidationAnnotation(annotation)) {
                    return true;
                }
            }
            if (type instanceof AnnotatedParameterizedType parameterized) {
                for (AnnotatedType argument : parameterized.getAnnotatedActualTypeArguments()) {
                    if (wantsValidation(new Annotation[0], argument)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isValidationAnnotation(Annotation annotation) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (type.getName().equals("jakarta.validation.Valid")) {
            return true;
        }
        for (Annotation meta : type.getAnnotations()) {
            if (meta.annotationType().getName().equals("jakarta.validation.Constraint")) {
                return true;
            }
        }
        return false;
    }
}
