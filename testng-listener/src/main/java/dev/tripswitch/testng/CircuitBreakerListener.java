package dev.tripswitch.testng;

/**
 * Runs TestNG tests marked {@link dev.tripswitch.CircuitProtected @CircuitProtected} under their circuit
 * breaker, shared JVM-wide with every other protected test, JUnit 5 ones included. What a protected test then
 * does (skipped with the circuit's reason while it refuses, what counts, {@code @BeforeClass}, left-out
 * configuration methods, the suite's summary, browsers) is documented on {@link dev.tripswitch.CircuitProtected}
 * and in this module's README.
 *
 * <p>Registration: none needed. TestNG loads this listener through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.testng.ITestNGListener}). Naming it as well in {@code @Listeners} or
 * {@code testng.xml} is harmless: all instances share one state and every test invocation is counted once.
 *
 * <p>Contract: each protected invocation asks its circuit before its first {@code @BeforeMethod} (or before the
 * test when it has none); refused, it is reported SKIP with a {@link org.testng.SkipException} carrying the
 * reason. Every decision (counting, the summary, what reporting integrations hear) is core's
 * {@link dev.tripswitch.TestRun}. A dry run ({@code testng.mode.dryrun=true}) touches no circuit. With the browser
 * module ({@code tripswitch-browser}), the running test's browser is {@code dev.tripswitch.browser.TestBrowser.current()}.
 *
 * <p>Replay ({@code whenOpen = REPLAY}): before a suite starts, each of its {@code <test>}s that holds protected
 * classes gets replay copies appended ({@code tripswitch.replay.rounds}, default 3, then one for the tests never run
 * again). A refused invocation is deferred: reported SKIP and marked retried, as TestNG reports its own retries, with
 * the methods that depend on it; once the suite's own {@code <test>}s are done, each copy waits (within
 * {@code tripswitch.replay.budget}) for the circuits of the deferred tests, then runs exactly the invocations they
 * let through, with their class set up again. What is never let through is reported skipped, with the final
 * reason, in the last copy. See the module's README for what reports show and the limits.
 */
public class CircuitBreakerListener extends CircuitGate {

    /** The instance TestNG creates; every instance works on the same JVM-wide state. */
    public CircuitBreakerListener() {
    }
}
