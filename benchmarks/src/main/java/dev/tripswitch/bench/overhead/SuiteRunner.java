package dev.tripswitch.bench.overhead;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Runs one framework's trivial suite in this JVM, protected or not, each run with a fresh global registry. */
public interface SuiteRunner {

    /** The JUnit 5 runner (Launcher, in-process) or the TestNG one (programmatic), as the overhead benchmark runs them. */
    static SuiteRunner of(boolean junit) {
        return junit ? new JUnitSuiteRunner() : new TestNGSuiteRunner();
    }

    /** The framework and how it is run, for the report. */
    String framework();

    /** The target overhead per protected test, in microseconds (issue 12). */
    double targetMicros();

    /** One timed run of the protected or the unprotected class. */
    Trial run(boolean protectedArm);

    /**
     * Runs {@code suite} (timed) with a fresh global registry built like {@link CircuitBreakerRegistry#global()},
     * as a new JVM would have, and returns its wall time, this thread's CPU time over it and the successes of
     * {@code circuit} afterwards (-1 when the run did not create it).
     */
    static long[] timedWithFreshRegistry(String circuit, Runnable suite) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (CircuitBreakerRegistry.GlobalOverride fresh = CircuitBreakerRegistry.replaceGlobal(
                CircuitBreakerRegistry.builder().withSystemSources().withServiceListeners().build())) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            suite.run();
            long nanos = System.nanoTime() - start;
            long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            long successes = CircuitBreakerRegistry.global().find(circuit)
                    .map(CircuitBreaker::snapshot).map(s -> s.totalSuccesses()).orElse(-1L);
            return new long[]{nanos, cpu, successes};
        }
    }
}
