package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.internal.ProtectionLookup;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which circuit, if any, protects a TestNG test method or class. The annotation lookup (and the check of its
 * attributes) is done once per method and cached; the circuit itself is taken from the global registry at
 * each use, so a registry replaced by a test is honoured.
 */
final class ProtectionResolver {

    /** What applies to one test method or class: nothing, a definition, or the error of a bad annotation. */
    static final class Protection {
        static final Protection NONE = new Protection(null, null);

        private final CircuitDefinition definition;
        private final CircuitConfigurationException error;

        private Protection(CircuitDefinition definition, CircuitConfigurationException error) {
            this.definition = definition;
            this.error = error;
        }

        boolean applies() {
            return definition != null || error != null;
        }

        /**
         * The circuit from the global registry.
         *
         * @throws CircuitConfigurationException for a bad annotation or a definition that conflicts with the
         *                                       one in force (the message names both places)
         */
        CircuitBreaker circuit() {
            if (error != null) {
                throw new CircuitConfigurationException(error.getMessage(), error);
            }
            return CircuitBreakerRegistry.global().circuit(definition);
        }
    }

    private record MethodKey(Class<?> testClass, Method method) {
    }

    private final ConcurrentMap<MethodKey, Protection> byMethod = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, Protection> byClass = new ConcurrentHashMap<>();
    private final ConcurrentMap<Method, Boolean> annotated = new ConcurrentHashMap<>();

    /** The protection of {@code method} run on an instance of {@code testClass}: method, then class. */
    Protection forTest(Class<?> testClass, Method method) {
        return byMethod.computeIfAbsent(new MethodKey(testClass, method),
                k -> lookUp(() -> ProtectionLookup.find(k.testClass(), k.method()).orElse(null)));
    }

    /** The protection every test of {@code testClass} shares (for class-level set-up such as @BeforeClass). */
    Protection forClass(Class<?> testClass) {
        return byClass.computeIfAbsent(testClass, c -> lookUp(() -> ProtectionLookup.findForClass(c).orElse(null)));
    }

    /** Whether {@code method} carries {@code @CircuitProtected}, directly or through a meta-annotation. */
    boolean isAnnotated(Method method) {
        return annotated.computeIfAbsent(method, ProtectionLookup::isAnnotated);
    }

    private interface Lookup {
        CircuitDefinition find();
    }

    private static Protection lookUp(Lookup lookup) {
        try {
            CircuitDefinition definition = lookup.find();
            return definition == null ? Protection.NONE : new Protection(definition, null);
        } catch (CircuitConfigurationException e) {
            return new Protection(null, e);
        }
    }
}
