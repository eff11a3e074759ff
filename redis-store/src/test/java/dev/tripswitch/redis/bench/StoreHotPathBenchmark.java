package dev.tripswitch.redis.bench;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.internal.StoreProviders;
import dev.tripswitch.store.CircuitStoreProvider;
import dev.tripswitch.store.StoreSettings;
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

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hot path with the state in memory, in the file store and in Redis: one CLOSED acquire + success, and one
 * OPEN refusal. A shared circuit answers both from its local view (no file or network I/O while nothing
 * changes); the totals go to the store from a background thread. Redis is a redis-server this benchmark starts on
 * a free loopback port and stops.
 *
 * <p>Run: {@code java -cp <test class path> org.openjdk.jmh.Main StoreHotPathBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StoreHotPathBenchmark {

    @Param({"memory", "file", "redis"})
    public String store;

    private Process redis;
    private CircuitBreakerRegistry registry;
    private CircuitBreaker closed;
    private CircuitBreaker open;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        CircuitBreakerRegistry.Builder b = CircuitBreakerRegistry.builder();
        String location = switch (store) {
            case "memory" -> null;
            case "file" -> "file:" + Files.createTempDirectory("tripswitch-jmh");
            default -> "redis://127.0.0.1:" + startRedis();
        };
        if (location != null) {
            List<CircuitStoreProvider> providers = StoreProviders.all(getClass().getClassLoader());
            StoreSettings s = StoreSettings.from(Map.of("tripswitch.store", location, "tripswitch.store.scope", "jmh"),
                    "benchmark", providers);
            b.store(s.providerAmong(providers).open(s), s.lease());
        }
        registry = b.build();
        closed = registry.circuit("closed", CircuitBreakerConfig.ofDefaults());
        open = registry.circuit("open", CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofHours(1)).recoveryTimeout(Duration.ofHours(1)).build());
        open.recordFailure();
    }

    private int startRedis() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        redis = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        for (int i = 0; ; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return port;
            } catch (java.io.IOException notYet) {
                if (i > 500) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        registry.closeStore();
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
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
