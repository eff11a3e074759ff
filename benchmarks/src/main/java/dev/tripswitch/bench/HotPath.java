package dev.tripswitch.bench;

import dev.tripswitch.CircuitPermit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The per-call cost of a circuit breaker around work that does nothing: ask for permission, hand a trivial
 * value to the Blackhole, report success. {@code closed*} measures the path every call takes while the
 * dependency is healthy; {@code open*} the refusal while it is down (no work, nothing reported).
 *
 * <p>The benchmarks live here once and run at two thread counts through the nested subclasses
 * {@link OneThread} and {@link TwoThreads}, so one JMH run covers both. With several threads, AverageTime is
 * the time per operation as seen by each thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class HotPath {

    // ---------------------------------------------------------------- CLOSED: permitted call, success reported

    @Benchmark
    public void closedTripswitch(Circuits c, Blackhole bh) {
        CircuitPermit permit = c.tripswitchClosed.tryAcquirePermission();
        if (permit == null) {
            throw new IllegalStateException("refused while closed");
        }
        bh.consume(c.payload);
        permit.onSuccess();
    }

    @Benchmark
    public void closedResilience4j(Circuits c, Blackhole bh) {
        if (!c.resilience4jClosed.tryAcquirePermission()) {
            throw new IllegalStateException("refused while closed");
        }
        bh.consume(c.payload);
        // The work takes no time; a real caller would add two clock reads to measure it (see README).
        c.resilience4jClosed.onSuccess(0L, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void closedFailsafe(Circuits c, Blackhole bh) {
        if (!c.failsafeClosed.tryAcquirePermit()) {
            throw new IllegalStateException("refused while closed");
        }
        bh.consume(c.payload);
        c.failsafeClosed.recordSuccess();
    }

    // ---------------------------------------------------------------- OPEN: refused call

    @Benchmark
    public CircuitPermit openTripswitch(Circuits c) {
        return c.tripswitchOpen.tryAcquirePermission();
    }

    @Benchmark
    public boolean openResilience4j(Circuits c) {
        return c.resilience4jOpen.tryAcquirePermission();
    }

    @Benchmark
    public boolean openFailsafe(Circuits c) {
        return c.failsafeOpen.tryAcquirePermit();
    }

    /** One thread calling the shared circuits. */
    @Threads(1)
    public static class OneThread extends HotPath {
    }

    /** Two threads calling the same shared circuits at once. */
    @Threads(2)
    public static class TwoThreads extends HotPath {
    }
}
