package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.Protection;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import java.util.Optional;

/**
 * Class-level set-up of a class protected at class level, through the same protocol as a test: each
 * {@code @BeforeAll} method is admitted like a test, so that a class whose circuit is open does not start a
 * browser for nothing. Refused: the class's remaining {@code @BeforeAll} and its {@code @AfterAll} methods do
 * not run, and every test in the class (and its {@code @Nested} classes) is refused along with the reason kept in
 * the class's store. Granted: a failing method counts once; one that works only gives its permit back (its tests
 * will tell). A class whose annotation is wrong sets up as usual: the error fails each of its tests instead.
 */
final class ClassSetUpGate {

    private ClassSetUpGate() {
    }

    static void beforeAll(Invocation<Void> invocation, ExtensionContext classContext) throws Throwable {
        Protection protection = TestProtection.ofClass(classContext);
        if (!protection.isPresent()) {
            invocation.proceed();
            return;
        }
        if (refused(classContext)) {
            invocation.skip();
            return;
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        Admission admission = RunSummary.runOf(classContext).admitClassSetUp(
                new TestIdentity("junit5", testClass.getName(), null, classContext.getDisplayName()), protection,
                "@BeforeAll of " + testClass.getSimpleName());
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

    /** The {@code @AfterAll} methods of a class whose set-up was refused do not run either. */
    static void afterAll(Invocation<Void> invocation, ExtensionContext classContext) throws Throwable {
        if (refused(classContext)) {
            invocation.skip();
            return;
        }
        invocation.proceed();
    }

    /** The refused class set-up that applies to a test: of its own class or any enclosing class context. */
    static Optional<Admission> refusalFor(ExtensionContext testContext) {
        for (Optional<ExtensionContext> c = testContext.getParent(); c.isPresent(); c = c.get().getParent()) {
            Admission refused = c.get().getStore(CircuitBreakerExtension.NAMESPACE).get(key(c.get()), Admission.class);
            if (refused != null) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private static boolean refused(ExtensionContext classContext) {
        return classContext.getStore(CircuitBreakerExtension.NAMESPACE).get(key(classContext)) != null;
    }

    // the unique id keeps a nested class from reading its enclosing class's entry through the store hierarchy
    private static String key(ExtensionContext classContext) {
        return "class-set-up-refused:" + classContext.getUniqueId();
    }
}
