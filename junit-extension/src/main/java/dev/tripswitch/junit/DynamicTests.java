package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.Protection;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.TestAbortedException;

/**
 * Each dynamic test of a protected {@code @TestFactory} is admitted when JUnit invokes it (they have no execution
 * condition); one refused is aborted with the reason (JUnit cannot skip it). Its outcome is known right here.
 */
final class DynamicTests {

    private DynamicTests() {
    }

    static void intercept(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        Protection protection = TestProtection.of(context);
        if (!protection.isPresent()) {
            invocation.proceed();
            return;
        }
        UnprotectedTestWarning.handled(context.getUniqueId());
        Admission admission = RunSummary.runOf(context).admit(TestProtection.identity(context), protection);
        switch (admission.verdict()) {
            case UNGUARDED -> { invocation.proceed(); return; }
            case MISCONFIGURED -> throw admission.error();
            case REFUSED, DEFERRED -> { // a deferred one's abort is held back by the replaying engine
                invocation.skip();
                throw new TestAbortedException(admission.reason());
            }
            default -> { } // granted
        }
        try {
            invocation.proceed();
        } catch (TestAbortedException aborted) {
            admission.aborted();
            throw aborted;
        } catch (Throwable failure) {
            admission.failed(failure);
            throw PermissionGate.reported(admission, failure);
        }
        admission.passed();
    }
}
