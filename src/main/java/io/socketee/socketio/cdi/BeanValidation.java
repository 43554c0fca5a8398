package io.socketee.socketio.cdi;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.executable.ExecutableValidator;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@link PayloadValidator} on Jakarta Validation: the handler's parameters are checked as a method's parameters
 * ({@code ExecutableValidator.validateParameters}), so {@code @Valid} cascades into records and POJOs and constraints
 * on a parameter itself apply. The validator is the application's: the CDI bean {@code ValidatorFactory} where the
 * runtime provides one (full Jakarta EE servers), else the default provider's
 * ({@code Validation.buildDefaultValidatorFactory()}, for example Hibernate Validator in the WAR); where that needs
 * Jakarta Expression Language for its messages and none is present, Hibernate Validator's
 * {@code ParameterMessageInterpolator} instead. Loaded only when a handler asks for validation. Thread-safe.
 */
final class BeanValidation implements PayloadValidator {
    private static final System.Logger LOG = System.getLogger(BeanValidation.class.getName());
    private static final String PARAMETER_INTERPOLATOR =
            "org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator";

    private final ExecutableValidator validator;
    private final ValidatorFactory ownFactory;

    private BeanValidation(ExecutableValidator validator, ValidatorFactory ownFactory) {
        this.validator = validator;
        this.ownFactory = ownFactory;
    }

    /**
     * The application's validator.
     *
     * @param handlers the handlers that need it, for the message when there is none
     * @throws IllegalStateException when no Jakarta Validation provider can be started (the deployment fails)
     */
    static BeanValidation create(BeanManager beanManager, String handlers) {
        Set<Bean<?>> beans = beanManager.getBeans(ValidatorFactory.class);
        if (!beans.isEmpty()) {
            try {
                Bean<?> bean = beanManager.resolve(beans);
                ValidatorFactory factory = (ValidatorFactory) beanManager.getReference(bean, ValidatorFactory.class,
                        beanManager.createCreationalContext(bean));
                return new BeanValidation(factory.getValidator().forExecutables(), null);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "the CDI bean ValidatorFactory is unusable; building the default one", e);
            }
        }
        ValidatorFactory factory;
        try {
            factory = Validation.buildDefaultValidatorFactory();
        } catch (ValidationException | LinkageError first) {
            factory = withoutExpressionLanguage(first, handlers);
        }
        return new BeanValidation(factory.getValidator().forExecutables(), factory);
    }

    /** A validator on this factory, which the caller closes. */
    static BeanValidation of(ValidatorFactory factory) {
        return new BeanValidation(factory.getValidator().forExecutables(), null);
    }

    private static ValidatorFactory withoutExpressionLanguage(Throwable first, String handlers) {
        try {
            Class<?> type = Class.forName(PARAMETER_INTERPOLATOR, true, BeanValidation.class.getClassLoader());
            MessageInterpolator interpolator = (MessageInterpolator) type.getConstructor().newInstance();
            ValidatorFactory factory = Validation.byDefaultProvider().configure()
                    .messageInterpolator(interpolator).buildValidatorFactory();
            LOG.log(Level.INFO, "socket.io: Jakarta Validation runs without Expression Language (" + first
                    + "): messages are interpolated without EL expressions");
            return factory;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            IllegalStateException failure = new IllegalStateException("Socketee: " + handlers
                    + " validate their parameters (jakarta.validation annotations), but no Jakarta Validation provider"
                    + " can be started: put one in the application (for example org.hibernate.validator:"
                    + "hibernate-validator with org.glassfish.expressly:expressly): " + first, first);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    @Override
    public void validate(Object target, Method method, Object[] args, String description, String[] positions) {
        Set<ConstraintViolation<Object>> found = validator.validateParameters(target, method, args);
        if (found.isEmpty()) {
            return;
        }
        List<InvalidPayloadException.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<Object> violation : found) {
            violations.add(new InvalidPayloadException.Violation(path(violation.getPropertyPath(), positions),
                    violation.getMessage()));
        }
        violations.sort(Comparator.comparing(InvalidPayloadException.Violation::path)
                .thenComparing(InvalidPayloadException.Violation::message));
        throw new InvalidPayloadException(description, violations, new ConstraintViolationException(found));
    }

    /** {@code chat.arg1.text} as the client counts: the parameter's position among the payload, then the rest. */
    static String path(Path path, String[] positions) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                String position = index >= 0 && index < positions.length ? positions[index] : null;
                out.append(position != null ? position : node.getName());
                continue;
            }
            if (node.isInIterable()) {
                out.append('[');
                if (node.getIndex() != null) {
                    out.append(node.getIndex());
                } else if (node.getKey() != null) {
                    out.append(node.getKey());
                }
                out.append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                out.append('.').append(node.getName());
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        if (ownFactory != null) {
            ownFactory.close();
        }
    }
}
