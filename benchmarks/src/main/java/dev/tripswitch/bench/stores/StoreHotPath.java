package dev.tripswitch.bench.stores;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The hot path with the circuit's state in memory, in the file store and in Redis, in one JMH run: one CLOSED
 * acquire + success ({@code closed}), one OPEN refusal ({@code open}). Nothing changes during a trial, so a shared
 * circuit answers both from the local view its store keeps current (no file or network I/O on these paths); its
 * totals go to the store from a background thread.
 *
 * <p>Per trial: {@code file} uses a fresh temporary directory (deleted afterwards); {@code redis} starts a
 * {@code redis-server} on a free loopback port and stops it by its PID. A trial fails loudly when a circuit is not
 * in the state it was meant to be measured in. Run it with {@code benchmarks/run-jmh.sh stores}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StoreHotPath {

    @Param({"memory", "file", "redis"})
    public String store;

    private RedisProcess redis;
    private Path directory;
    private CircuitBreakerRegistry registry;
    private CircuitBreaker closed;
    private CircuitBreaker open;
    private final int payload = 42;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        registry = switch (StoreKind.parse("store", store)) {
            case MEMORY -> CircuitBreakerRegistry.builder().build();
            case FILE -> {
                directory = Files.createTempDirectory("tripswitch-jmh-store");
                yield StoreKind.registryAt("file:" + directory, "jmh");
            }
            case REDIS -> {
                redis = RedisProcess.start();
                yield StoreKind.registryAt(redis.uri(), "jmh");
            }
        };
        CircuitBreakerConfig longOpen = CircuitBreakerConfig.custom().failureThreshold(5)
                .halfOpenAfter(Duration.ofMinutes(30)).recoveryTimeout(Duration.ofMinutes(30)).build();
        closed = registry.circuit("closed", longOpen);
        open = registry.circuit("open", longOpen);
        for (int i = 0; i < 5; i++) {
            open.recordFailure(new IOException("down"));
        }
        check();
    }

    private void check() {
        if (closed.state() != CircuitState.CLOSED || open.state() != CircuitState.OPEN) {
            throw new IllegalStateException(store + ": closed circuit is " + closed.state() + ", open circuit is "
                    + open.state() + " (" + registry.storeDescription() + ")");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            check();
        } finally {
            registry.closeStore();
            if (redis != null) {
                redis.close();
            }
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Benchmark
    public void closed(Blackhole bh) {
        CircuitPermit permit = closed.tryAcquirePermission();
        if (permit == null) {
            throw new IllegalStateException("refused while closed");
        }
        bh.consume(payload);
        permit.onSuccess();
    }

    @Benchmark
    public CircuitPermit open() {
        return open.tryAcquirePermission();
    }
}
