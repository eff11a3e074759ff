package dev.tripswitch.junit;

import dev.tripswitch.Protection;
import dev.tripswitch.TestFrameworks;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Warns on standard error, loudly and once per class, when a Jupiter test annotated with {@code @CircuitProtected}
 * ran without {@link CircuitBreakerExtension}: silence would let a user believe the suite is protected. Not part
 * of the API: public so that the launcher can load it from {@code META-INF/services}. It looks only at tests of
 * the {@code junit-jupiter} engine whose source is a method, also when the {@code tripswitch} engine runs them.
 *
 * <p>The extension reports each test it admits ({@link #handled}) into a JVM-wide set (the launcher listener and
 * the engine share nothing else), kept while a listener observes a run and removed when checked; ids left by runs
 * it does not see (an EngineTestKit run inside a launcher run) are forgotten when a container above them restarts.
 */
public final class UnprotectedTestWarning implements TestExecutionListener {

    private static final NavigableSet<String> HANDLED = new ConcurrentSkipListSet<>();
    private static final AtomicInteger OBSERVERS = new AtomicInteger();

    private final PrintStream out;
    private final Set<String> warnedClasses = ConcurrentHashMap.newKeySet();

    /** Used by the launcher; warnings go to {@code System.err}. */
    public UnprotectedTestWarning() {
        this(System.err);
    }

    UnprotectedTestWarning(PrintStream out) {
        this.out = out;
    }

    /** Called by the extension for each protected test it admits. */
    static void handled(String uniqueId) {
        if (OBSERVERS.get() > 0) {
            HANDLED.add(EngineIds.asJupiter(uniqueId));
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        OBSERVERS.incrementAndGet();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (OBSERVERS.decrementAndGet() <= 0) {
            HANDLED.clear();
        }
        TestFrameworks.warnAboutUnprotectedCodeOnce(out); // @CircuitProtected outside tests nothing intercepts
    }

    @Override
    public void executionStarted(TestIdentifier testIdentifier) {
        String id = EngineIds.asJupiter(testIdentifier.getUniqueId());
        if (testIdentifier.isContainer() && id.startsWith(EngineIds.JUPITER_PREFIX)) {
            // its tests have not been asked yet; children's ids are its id, '/', a segment ('0' follows '/')
            HANDLED.subSet(id + "/", true, id + "0", false).clear();
        }
    }

    @Override
    public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult testExecutionResult) {
        String id = EngineIds.asJupiter(testIdentifier.getUniqueId());
        if (!testIdentifier.isTest() || !id.startsWith(EngineIds.JUPITER_PREFIX) || HANDLED.remove(id)
                || !(testIdentifier.getSource().orElse(null) instanceof MethodSource methodSource)) {
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
        return Protection.of(testClass, method).isPresent(); // bad attribute values: still annotated
    }
}
