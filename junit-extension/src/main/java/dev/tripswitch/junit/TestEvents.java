package dev.tripswitch.junit;

import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener.Outcome;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import dev.tripswitch.internal.ProtectedTestEvents;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.reflect.Method;

/** Tells reporting integrations (core's protected-test listeners, e.g. the Allure adapter) what happened. */
final class TestEvents {

    private TestEvents() {
    }

    static TestIdentity identity(ExtensionContext context) {
        String className = context.getTestClass().map(Class::getName).orElse("");
        String methodName = context.getTestMethod().map(Method::getName).orElse(null);
        return new TestIdentity("junit5", className, methodName, context.getDisplayName());
    }

    static void admitted(ExtensionContext context, CircuitSnapshot atStart, boolean probe) {
        ProtectedTestEvents.global().admitted(identity(context), atStart, probe);
    }

    static void refused(ExtensionContext context, CircuitSnapshot snapshot, String reason) {
        ProtectedTestEvents.global().refused(identity(context), snapshot, reason);
    }

    static void finished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
        ProtectedTestEvents.global().finished(test, outcome, failure, after);
    }
}
