package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.Protection;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import java.util.Optional;

/**
 * Each {@code @BeforeAll} method of a class protected at class level is admitted like a test, so that a class
 * whose circuit is open starts no browser for nothing. Refused: its remaining {@code @BeforeAll} and its
 * {@code @AfterAll} methods do not run, and every test in it (and its {@code @Nested} classes) is refused along
 * with the reason kept in the class's store. Granted: a failing method counts once; one that works only gives its
 * permit back. A class whose annotation is wrong sets up as usual: the error fails each of its tests instead.
 */
final class ClassSetUpGate {

    private ClassSetUpGate() {
    }

    static void beforeAll(Invocation<Void> invocation, ExtensionContext classContext) throws Throwable {
        Protection protection = TestProtection.ofClass(classContext);
        if (!protection.isPresent() || refused(classContext)) {
            unlessRefused(invocation, classContext); // an earlier @BeforeAll of the class may have been refused
            return;
        }
        Admission admission = RunSummary.runOf(classContext).admitClassSetUp(TestProtection.identity(classContext),
                protection, "@BeforeAll of " + classContext.getRequiredTestClass().getSimpleName());
        if (admission.isRefused()) {
            classContext.getStore(CircuitBreakerExtension.NAMESPACE).put(key(classContext), admission);
            invocation.skip();
            return;
        }
        try {
            invocation.proceed();
        } catch (Throwable failure) {
            admission.failed(failure);
            throw failure;
        }
        admission.passed();
    }

    /** Runs a class-level method unless the class's set-up was refused (then no {@code @AfterAll} runs either). */
    static void unlessRefused(Invocation<Void> invocation, ExtensionContext classContext) throws Throwable {
        if (refused(classContext)) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    /** The refused class set-up that applies to a test: of its own class or any enclosing class context. */
    static Optional<Admission> refusalFor(ExtensionContext testContext) {
        return testContext.getParent().flatMap(parent -> TestProtection.nearest(parent,
                c -> Optional.ofNullable(c.getStore(CircuitBreakerExtension.NAMESPACE).get(key(c), Admission.class))));
    }

    private static boolean refused(ExtensionContext classContext) {
        return classContext.getStore(CircuitBreakerExtension.NAMESPACE).get(key(classContext)) != null;
    }

    // the unique id keeps a nested class from reading its enclosing class's entry through the store hierarchy
    private static String key(ExtensionContext classContext) {
        return "class-set-up-refused:" + classContext.getUniqueId();
    }
}
