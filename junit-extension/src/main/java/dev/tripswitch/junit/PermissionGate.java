package dev.tripswitch.junit;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import java.util.Optional;

/**
 * The permission of each test, asked as an execution condition and given its outcome by the test watcher.
 *
 * <p>Basic approach: the granted {@link Admission} (from core's {@link TestRun}) waits in the store of the test's
 * <i>parent</i> (its class or template), since JUnit closes the test's own store before it calls the watchers;
 * closing the parent's store releases a permit whose outcome never came. Keys carry the test's unique id, so a
 * lookup never finds an ancestor's entry. A configuration error waits in the test's own store for
 * {@code beforeEach}, so that it is the test's own failure rather than a failed condition.
 */
final class PermissionGate {

    private static final ConditionEvaluationResult NOT_PROTECTED =
            ConditionEvaluationResult.enabled("not under @CircuitProtected");

    private PermissionGate() {
    }

    /** Holds an admission in a store until its outcome comes; closing the store releases it. */
    @SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
    private record Held(Admission admission) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            admission.close();
        }
    }

    static ConditionEvaluationResult evaluate(ExtensionContext context) {
        Optional<TestProtection.Kind> kind = TestProtection.kindOf(context);
        if (kind.isEmpty() || kind.get() == TestProtection.Kind.TEMPLATE
                || kind.get() == TestProtection.Kind.DYNAMIC_TEST) {
            return NOT_PROTECTED; // class contexts and template containers: their tests are asked one by one
        }
        Optional<Admission> chainBroken = OrderedChains.deferralBefore(context);
        if (chainBroken.isPresent()) {
            UnprotectedTestWarning.handled(context.getUniqueId());
            return ConditionEvaluationResult.disabled(RunSummary.runOf(context)
                    .deferAlong(TestProtection.identity(context), chainBroken.get()).reason());
        }
        Protection protection = TestProtection.of(context);
        if (!protection.isPresent()) {
            return byDependencies(context, kind.get());
        }
        UnprotectedTestWarning.handled(context.getUniqueId());
        TestRun run = RunSummary.runOf(context);
        Admission admission = ClassSetUpGate.refusalFor(context)
                .map(classRefusal -> run.refuseAlong(TestProtection.identity(context), classRefusal))
                .orElseGet(() -> run.admit(TestProtection.identity(context), protection));
        OrderedChains.deferred(context, admission);
        switch (admission.verdict()) {
            case UNGUARDED -> { return ConditionEvaluationResult.enabled(admission.reason()); }
            case REFUSED, DEFERRED -> { return ConditionEvaluationResult.disabled(admission.reason()); }
            case MISCONFIGURED -> {
                context.getStore(CircuitBreakerExtension.NAMESPACE).put(key("error", context), admission.error());
                return ConditionEvaluationResult.enabled("circuit configuration error: " + admission.error().getMessage());
            }
            default -> { } // granted
        }
        String circuit = "circuit '" + admission.circuit().name() + "'";
        if (kind.get() == TestProtection.Kind.FACTORY) {
            admission.released(); // the dynamic tests ask for their own permits
            return ConditionEvaluationResult.enabled(circuit + " admits the test factory");
        }
        parentStore(context).put(key("admission", context), new Held(admission));
        return ConditionEvaluationResult.enabled(circuit + " granted permission ("
                + (admission.isProbe() ? "probe" : "CLOSED") + ")");
    }

    /** A test without {@code @CircuitProtected}: under the circuits of the dependencies it calls, when they are on. */
    private static ConditionEvaluationResult byDependencies(ExtensionContext context, TestProtection.Kind kind) {
        TestRun run = RunSummary.runOf(context);
        if (kind == TestProtection.Kind.FACTORY || !run.watchesDependencies()) {
            return NOT_PROTECTED;
        }
        Admission admission = run.admitByDependencies(TestProtection.identity(context),
                OrderedChains.isOrdered(context) ? "its class orders its tests (@TestMethodOrder)" : null);
        if (admission.verdict() == Admission.Verdict.MISCONFIGURED) {
            context.getStore(CircuitBreakerExtension.NAMESPACE).put(key("error", context), admission.error());
            return ConditionEvaluationResult.enabled("configuration error: " + admission.error().getMessage());
        }
        parentStore(context).put(key("admission", context), new Held(admission));
        return ConditionEvaluationResult.enabled(admission.reason());
    }

    /**
     * Before the test's set-up: fails the test with the configuration error found while asking permission; notes a
     * replay or a wait in the test's output (where Surefire's XML and the IDE keep it) and as a report entry.
     */
    static void failIfMisconfigured(ExtensionContext context) {
        CircuitConfigurationException error = context.getStore(CircuitBreakerExtension.NAMESPACE)
                .remove(key("error", context), CircuitConfigurationException.class);
        if (error != null) {
            throw error;
        }
        Held held = parentStore(context).get(key("admission", context), Held.class);
        if (held != null) {
            for (String note : held.admission().notes()) {
                System.out.println("Tripswitch: " + note);
                context.publishReportEntry(note.startsWith("Deferred") ? "tripswitch.replayed" : "tripswitch.waited",
                        note);
            }
        }
    }

    /** The granted admission of the test in {@code context}, still waiting for its outcome; else an unguarded one. */
    static Admission admissionOrUnguarded(ExtensionContext context) {
        Held held = parentStore(context).get(key("admission", context), Held.class);
        return held != null ? held.admission()
                : RunSummary.runOf(context).admit(TestProtection.identity(context), Protection.NONE);
    }

    /** Takes the test's admission out of the store for its outcome. */
    static Optional<Admission> take(ExtensionContext context) {
        return Optional.ofNullable(parentStore(context).remove(key("admission", context), Held.class))
                .map(Held::admission);
    }

    /**
     * What the test (body, {@code @BeforeEach}, {@code @AfterEach}) threw, as JUnit should see it: a circuit refusal
     * met inside becomes an abort with its reason (JUnit cannot skip a running test), anything else stays.
     */
    static Throwable asReported(ExtensionContext context, Throwable thrown) {
        return reported(admissionOrUnguarded(context), thrown);
    }

    static Throwable reported(Admission admission, Throwable thrown) {
        String skip = admission.skipInside(thrown);
        return skip == null ? thrown : new TestAbortedException(skip, thrown);
    }

    private static ExtensionContext.Store parentStore(ExtensionContext testContext) {
        return testContext.getParent().orElse(testContext).getStore(CircuitBreakerExtension.NAMESPACE);
    }

    private static String key(String what, ExtensionContext context) {
        return what + ":" + context.getUniqueId();
    }
}
