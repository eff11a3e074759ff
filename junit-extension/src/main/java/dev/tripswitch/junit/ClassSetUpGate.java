package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.CircuitPermit;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Asks a class's circuit once, before the class's first {@code @BeforeAll} method, whether the class may set
 * up at all, so that a class whose circuit is open does not start a browser for nothing.
 *
 * <p>Refused: the {@code @BeforeAll} and {@code @AfterAll} methods of the class are not run, and every test in
 * the class (and in its {@code @Nested} classes) is skipped with the reason recorded here. Granted: the
 * permit is returned at once; the tests then ask for their own permits (in HALF_OPEN they are the probes), and
 * a failing {@code @BeforeAll} records one failure.
 */
final class ClassSetUpGate {

    /** Stored in the class's store when the class was refused. */
    record Refusal(String reason) {
    }

    private ClassSetUpGate() {
    }

    /** True if the class's set-up may run; decided once per class context. */
    static boolean admits(ExtensionContext classContext, CircuitBreaker circuit) {
        Refusal refusal = classContext.getStore(CircuitBreakerExtension.NAMESPACE).getOrComputeIfAbsent(
                key(classContext), k -> decide(circuit, classContext), Refusal.class);
        return refusal.reason() == null;
    }

    /** True if the class's set-up was refused (the class context itself, not its ancestors). */
    static boolean refused(ExtensionContext classContext) {
        Refusal r = classContext.getStore(CircuitBreakerExtension.NAMESPACE).get(key(classContext), Refusal.class);
        return r != null && r.reason() != null;
    }

    /** The refusal that applies to a test: from its own class or any enclosing class context. */
    static Optional<String> refusalFor(ExtensionContext testContext) {
        for (Optional<ExtensionContext> c = testContext.getParent(); c.isPresent(); c = c.get().getParent()) {
            Refusal r = c.get().getStore(CircuitBreakerExtension.NAMESPACE).get(key(c.get()), Refusal.class);
            if (r != null && r.reason() != null) {
                return Optional.of(r.reason());
            }
        }
        return Optional.empty();
    }

    private static Refusal decide(CircuitBreaker circuit, ExtensionContext classContext) {
        CircuitPermit permit;
        try {
            permit = circuit.acquirePermission();
        } catch (CircuitOpenException refused) {
            return new Refusal(refused.getMessage() + "; @BeforeAll of "
                    + classContext.getRequiredTestClass().getSimpleName() + " was not run");
        }
        permit.release();
        return new Refusal(null);
    }

    // the unique id keeps a nested class from reading its enclosing class's entry through the store hierarchy
    private static String key(ExtensionContext classContext) {
        return "class-set-up:" + classContext.getUniqueId();
    }
}
