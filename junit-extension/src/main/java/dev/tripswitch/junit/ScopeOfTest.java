package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.TestRun;
import dev.tripswitch.spi.TestScope;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;
import java.util.Map;

/**
 * The {@link TestScope} of one test (what other modules keep for it, such as its browser) in the test's own store:
 * made on first use by a module's parameter or before-body step, closed with that store after the test and its
 * {@code @AfterEach} methods, pass or fail.
 */
@SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
final class ScopeOfTest implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final TestScope scope = new TestScope();

    static TestScope of(ExtensionContext context) {
        return context.getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(ScopeOfTest.class, k -> new ScopeOfTest(), ScopeOfTest.class).scope;
    }

    /** Core's before-body steps, if any applies; each entry they report becomes a JUnit report entry. */
    static void beforeBody(ExtensionContext context) {
        Method test = context.getRequiredTestMethod();
        Class<?> testClass = context.getRequiredTestClass();
        TestRun run = RunSummary.runOf(context);
        if (!run.hasBeforeBody(test, testClass)) {
            return;
        }
        Admission admission = PermissionGate.admissionOrUnguarded(context);
        run.beforeBody(admission, test, testClass, of(context)).forEach((key, entries) ->
                entries.forEach(entry -> context.publishReportEntry(Map.of(key, String.valueOf(entry)))));
    }

    @Override
    public void close() {
        scope.close();
    }
}
