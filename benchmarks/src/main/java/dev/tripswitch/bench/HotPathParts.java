package dev.tripswitch.bench;

import dev.tripswitch.CircuitPermit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostics, not part of the comparison: the pieces Tripswitch's own hot paths are made of, measured
 * alone, so the time of {@link HotPath} can be attributed to lines of {@code CircuitBreaker}.
 *
 * <ul>
 *   <li>{@code baseline}: the Blackhole call every CLOSED benchmark pays, with no circuit at all.</li>
 *   <li>{@code closedAcquireOnly}: {@code tryAcquirePermission()} in CLOSED without reporting success.</li>
 *   <li>{@code sharedLongAdder}: one {@code LongAdder.increment()} on an adder shared by all threads, the
 *       first statement of a permitted success and of a refusal.</li>
 *   <li>{@code threadOwnedCounter}: an alternative to the shared adder, not used by core: each thread bumps
 *       its own counter with an opaque write (no locked instruction), found through a {@code ThreadLocal}.
 *       It shows what counting a success could cost without an atomic read-modify-write.</li>
 *   <li>{@code systemClockMillis}: {@code Clock.systemUTC().millis()}, the default clock read by the
 *       refusal path to decide whether a probe is due.</li>
 *   <li>{@code systemNanoTime}: {@code System.nanoTime()}, the clock Failsafe's refusal path reads, for
 *       comparison.</li>
 *   <li>{@code openFixedClock}: the refusal path with a fixed clock, i.e. without the cost of time.</li>
 *   <li>{@code fixedClockMillis}: that fixed clock's own read ({@code Clock.fixed(...).millis()}, which converts its
 *       instant to milliseconds on every call): the refusal's cost beyond its clock read is
 *       {@code openFixedClock} less this.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class HotPathParts {

    @State(Scope.Benchmark)
    public static class Parts {
        public int payload = 42;
        public final LongAdder adder = new LongAdder();
        public final Clock systemClock = Clock.systemUTC();
        public final ThreadLocal<OwnedCounter> owned = ThreadLocal.withInitial(OwnedCounter::new);
        public dev.tripswitch.CircuitBreaker closed;
        public dev.tripswitch.CircuitBreaker openFixedClock;
        public final Clock fixedClock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

        @Setup(Level.Trial)
        public void setUp() {
            closed = Circuits.tripswitch("parts-closed");
            openFixedClock = dev.tripswitch.CircuitBreaker.of("parts-open-fixed",
                    dev.tripswitch.CircuitBreakerConfig.from(closed.config())
                            .clock(fixedClock)
                            .build());
            for (int i = 0; i < Circuits.FAILURE_THRESHOLD; i++) {
                openFixedClock.recordFailure(new IOException("down"));
            }
            if (openFixedClock.state() != dev.tripswitch.CircuitState.OPEN) {
                throw new IllegalStateException("fixed-clock circuit did not open");
            }
        }
    }

    @Benchmark
    public void baseline(Parts p, Blackhole bh) {
        bh.consume(p.payload);
    }

    @Benchmark
    public CircuitPermit closedAcquireOnly(Parts p) {
        return p.closed.tryAcquirePermission();
    }

    @Benchmark
    public void sharedLongAdder(Parts p) {
        p.adder.increment();
    }

    @Benchmark
    public void threadOwnedCounter(Parts p) {
        p.owned.get().increment();
    }

    @Benchmark
    public long systemClockMillis(Parts p) {
        return p.systemClock.millis();
    }

    @Benchmark
    public long fixedClockMillis(Parts p) {
        return p.fixedClock.millis();
    }

    @Benchmark
    public long systemNanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public CircuitPermit openFixedClock(Parts p) {
        return p.openFixedClock.tryAcquirePermission();
    }

    /** A counter written by one thread only; others may read it with {@link #get()}. */
    public static final class OwnedCounter {
        private static final VarHandle VALUE;

        static {
            try {
                VALUE = MethodHandles.lookup().findVarHandle(OwnedCounter.class, "value", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused") // accessed through VALUE
        private long value;

        void increment() {
            VALUE.setOpaque(this, (long) VALUE.getOpaque(this) + 1);
        }

        public long get() {
            return (long) VALUE.getOpaque(this);
        }
    }

    @Threads(1)
    public static class OneThread extends HotPathParts {
    }

    @Threads(2)
    public static class TwoThreads extends HotPathParts {
    }
}
