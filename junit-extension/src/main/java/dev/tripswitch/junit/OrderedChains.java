package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Optional;

/**
 * The tests of a class with {@link TestMethodOrder} form a chain: once one of them is deferred (to be replayed),
 * every later test of the class is deferred along with it, whatever its own circuit says, so that the replay runs
 * the rest of the chain in its order — as a whole or not at all. The first deferral waits in the class's store.
 */
final class OrderedChains {

    private static final String KEY = "ordered-chain-deferred";

    /** Whether a class has {@link TestMethodOrder}, looked up once per class (every test of the class asks). */
    private static final ClassValue<Boolean> ORDERED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return AnnotationSupport.isAnnotated(type, TestMethodOrder.class);
        }
    };

    private OrderedChains() {
    }

    /** The deferral that broke the chain of the test's class, if its class is ordered and one did. */
    static Optional<Admission> deferralBefore(ExtensionContext testContext) {
        return orderedClass(testContext).map(c -> c.getStore(CircuitBreakerExtension.NAMESPACE)
                .get(key(c), Admission.class));
    }

    /** Notes a deferral in the test's ordered class (the first one only); nothing for a class without an order. */
    static void deferred(ExtensionContext testContext, Admission deferral) {
        if (deferral.isDeferred()) {
            orderedClass(testContext).ifPresent(c -> c.getStore(CircuitBreakerExtension.NAMESPACE)
                    .getOrComputeIfAbsent(key(c), k -> deferral, Admission.class));
        }
    }

    /** True when the test's class has {@link TestMethodOrder}: its tests are not replayed one by one. */
    static boolean isOrdered(ExtensionContext testContext) {
        return orderedClass(testContext).isPresent();
    }

    private static Optional<ExtensionContext> orderedClass(ExtensionContext testContext) {
        for (Optional<ExtensionContext> c = testContext.getParent(); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext context = c.get();
            if (context.getTestMethod().isEmpty() && context.getTestClass().isPresent()) {
                return ORDERED.get(context.getRequiredTestClass()) ? Optional.of(context) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String key(ExtensionContext classContext) {
        return KEY + ":" + classContext.getUniqueId();
    }
}
