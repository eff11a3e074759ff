package dev.tripswitch.junit;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.internal.ProtectionLookup;
import dev.tripswitch.internal.UnwovenProtection;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warns, loudly and once per class, when a Jupiter test annotated with {@code @CircuitProtected} ran without
 * {@link CircuitBreakerExtension}: the annotation alone does nothing, and silence would let a user believe the
 * suite is protected.
 *
 * <p>Not part of the API. The JUnit Platform launcher loads it from {@code META-INF/services} (which is why it
 * must be public); it does nothing when every protected test was handled by the extension. It only looks at
 * tests of the {@code junit-jupiter} engine whose source is a method; TestNG tests are the TestNG listener's
 * business. The warning goes to standard error.
 */
public final class UnprotectedTestWarning implements TestExecutionListener {

    private static final String JUPITER_ENGINE = "[engine:junit-jupiter]";

    private final PrintStream out;
    private final Set<String> warnedClasses = ConcurrentHashMap.newKeySet();

    /** Used by the launcher; warnings go to {@code System.err}. */
    public UnprotectedTestWarning() {
        this(System.err);
    }

    UnprotectedTestWarning(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        HandledTests.observerStarted();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        HandledTests.observerFinished();
        UnwovenProtection.reportOnce(out); // @CircuitProtected outside tests that no aspect intercepts
    }

    @Override
    public void executionStarted(TestIdentifier testIdentifier) {
        if (testIdentifier.isContainer() && testIdentifier.getUniqueId().startsWith(JUPITER_ENGINE)) {
            HandledTests.forgetBelow(testIdentifier.getUniqueId());
        }
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
        if (!testIdentifier.isTest() || !testIdentifier.getUniqueId().startsWith(JUPITER_ENGINE)) {
            return;
        }
        if (HandledTests.checkAndForget(testIdentifier.getUniqueId())) {
            return;
        }
        Optional<TestSource> source = testIdentifier.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource methodSource)) {
            return;
        }
        Class<?> testClass;
        Method method;
        try {
            testClass = methodSource.getJavaClass();
            method = methodSource.getJavaMethod();
        } catch (RuntimeException | LinkageError notLoadable) {
            return; // not ours to judge
        }
        if (isProtected(testClass, method) && warnedClasses.add(testClass.getName())) {
            out.println();
            out.println("!!! Tripswitch WARNING: " + testClass.getName() + " has tests annotated @CircuitProtected,");
            out.println("!!! but CircuitBreakerExtension is not active, so NO circuit breaker protects them.");
            out.println("!!! Register it with @ExtendWith(dev.tripswitch.junit.CircuitBreakerExtension.class)");
            out.println("!!! or enable auto-detection: junit.jupiter.extensions.autodetection.enabled=true");
            out.println();
            out.flush();
        }
    }

    private static boolean isProtected(Class<?> testClass, Method method) {
        try {
            return ProtectionLookup.find(testClass, method).isPresent();
        } catch (CircuitConfigurationException badAttributes) {
            return true; // annotated, with bad values: still annotated
        }
    }
}
