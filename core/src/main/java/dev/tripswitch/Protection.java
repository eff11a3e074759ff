package dev.tripswitch;

import dev.tripswitch.internal.ProtectionLookup;
import dev.tripswitch.internal.RunProperties;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * What protects one test (or one class's set-up): nothing, a {@link CircuitDefinition} found from its
 * {@link CircuitProtected} annotation, or the error of an annotation that is wrong. The circuit itself is
 * taken from the registry only when the test is admitted ({@link TestRun#admit}), so a definition that
 * conflicts with the one in force is found there too.
 *
 * <p>Immutable; framework adapters may keep one per test method.
 */
public final class Protection {

    /** Not under {@code @CircuitProtected}. */
    public static final Protection NONE = new Protection(null, null);

    private final CircuitDefinition definition;
    private final CircuitConfigurationException error;

    private Protection(CircuitDefinition definition, CircuitConfigurationException error) {
        this.definition = definition;
        this.error = error;
    }

    /** The protection of {@code method} (may be null) of {@code testClass}: the method's own, else the class's. */
    public static Protection of(Class<?> testClass, Method method) {
        try {
            return ProtectionLookup.find(testClass, method).map(Protection::by).orElse(NONE);
        } catch (CircuitConfigurationException e) {
            return new Protection(null, e);
        }
    }

    /** The protection every test of {@code testClass} shares: the one of class-level set-up. */
    public static Protection ofClass(Class<?> testClass) {
        try {
            return ProtectionLookup.findForClass(testClass).map(Protection::by).orElse(NONE);
        } catch (CircuitConfigurationException e) {
            return new Protection(null, e);
        }
    }

    /**
     * Whether {@code element} (a method or a class) carries {@link CircuitProtected} itself, directly or through an
     * annotation of the user's own; what is inherited from a class is not looked at.
     */
    public static boolean isAnnotated(java.lang.reflect.AnnotatedElement element) {
        return ProtectionLookup.isAnnotated(element);
    }

    /** The setting that puts every test without {@code @CircuitProtected} under a circuit: {@value}. */
    public static final String PROTECT = "tripswitch.protect";

    /**
     * The protection of a test: its method's or class's {@link CircuitProtected}, else the circuit that
     * {@code tripswitch.protect.<package>} names for the test class's package or the nearest enclosing package, else
     * the one {@value #PROTECT} names for every test, else none. The settings are read like every run-wide setting:
     * system property, the test framework's configuration, {@code tripswitch.properties}.
     */
    public static Protection forTest(Class<?> testClass, Method method) {
        Protection annotated = of(testClass, method);
        return annotated.isPresent() ? annotated : bySetting(testClass);
    }

    /** The protection every test of {@code testClass} shares, as {@link #forTest} finds it (for class-level set-up). */
    public static Protection forTestClass(Class<?> testClass) {
        Protection annotated = ofClass(testClass);
        return annotated.isPresent() ? annotated : bySetting(testClass);
    }

    private static Protection bySetting(Class<?> testClass) {
        String pkg = testClass.getPackageName();
        while (true) {
            String key = pkg.isEmpty() ? PROTECT : PROTECT + "." + pkg;
            java.util.Map.Entry<String, String> found = RunProperties.find(key);
            if (found != null && !found.getValue().isBlank()) {
                try {
                    return by(CircuitDefinition.builder(found.getValue().trim(), key + " (" + found.getKey() + ")")
                            .build());
                } catch (CircuitConfigurationException e) {
                    return new Protection(null, e);
                }
            }
            if (pkg.isEmpty()) {
                return NONE;
            }
            int dot = pkg.lastIndexOf('.');
            pkg = dot < 0 ? "" : pkg.substring(0, dot);
        }
    }

    /** Protection by {@code definition}. */
    public static Protection by(CircuitDefinition definition) {
        return new Protection(Objects.requireNonNull(definition, "definition"), null);
    }

    /**
     * The circuit's definition made by the annotation.
     *
     * @throws CircuitConfigurationException the annotation's error, when its attributes are wrong
     * @throws IllegalStateException         for {@link #NONE}
     */
    public CircuitDefinition definition() {
        if (error != null) {
            throw new CircuitConfigurationException(error.getMessage(), error);
        }
        if (definition == null) {
            throw new IllegalStateException("not under @CircuitProtected");
        }
        return definition;
    }

    /** True when the test is under {@code @CircuitProtected}, valid or not. */
    public boolean isPresent() {
        return definition != null || error != null;
    }

    /** The circuit from {@code registry}; throws the annotation's error, or a conflict with the one in force. */
    CircuitBreaker circuitFrom(CircuitBreakerRegistry registry) {
        if (error != null) {
            throw new CircuitConfigurationException(error.getMessage(), error);
        }
        return registry.circuit(definition);
    }

    @Override
    public String toString() {
        return definition != null ? "Protection[" + definition + "]"
                : error != null ? "Protection[invalid: " + error.getMessage() + "]" : "Protection[none]";
    }
}
