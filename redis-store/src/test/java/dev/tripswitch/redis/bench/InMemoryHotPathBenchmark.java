package dev.tripswitch.redis.bench;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitPermit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory hot path through the public API only, so that one compiled benchmark can run against two core
 * jars (with and without the store path) and show that the in-memory circuit did not move.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InMemoryHotPathBenchmark {

    private CircuitBreaker closed;
    private CircuitBreaker open;

    @Setup
    public void setUp() {
        closed = CircuitBreaker.ofDefaults("closed");
        open = CircuitBreaker.of("open", CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofHours(1)).recoveryTimeout(Duration.ofHours(1)).build());
        open.recordFailure();
    }

    @Benchmark
    public void closedAcquireAndSuccess() {
        closed.tryAcquirePermission().onSuccess();
    }

    @Benchmark
    public CircuitPermit openRefusal() {
        return open.tryAcquirePermission();
    }
}
