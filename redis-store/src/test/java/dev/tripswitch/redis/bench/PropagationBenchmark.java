package dev.tripswitch.redis.bench;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.internal.StoreProviders;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.CircuitStoreProvider;
import dev.tripswitch.store.StoreSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Propagation: from the moment one JVM records the failure that opens a circuit to the first refusal another JVM
 * gives, for the file store and the Redis store, over {@code openings} openings each. The two "JVMs" are two
 * registries, each with its own store instance (own connections, own watcher or subscriber thread), in this one
 * process, so that one monotonic clock times both ends. The observer asks every 100 µs, as a busy suite would.
 *
 * <p>Run: {@code java -cp <test class path> dev.tripswitch.redis.bench.PropagationBenchmark [openings]}; starts its
 * own redis-server on a free loopback port and stops it afterwards.
 */
public final class PropagationBenchmark {

    private PropagationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int openings = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("tripswitch-propagation");
        long[] file = measure(Map.of("tripswitch.store", "file:" + dir, "tripswitch.store.scope", "bench"), openings);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process redis = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long[] redisTimes;
        try {
            awaitPort(port);
            redisTimes = measure(Map.of("tripswitch.store", "redis://127.0.0.1:" + port, "tripswitch.store.scope",
                    "bench"), openings);
        } finally {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.println("| store | openings | p50 | p99 | max |");
        System.out.println("|---|---|---|---|---|");
        row("file", file);
        row("redis", redisTimes);
    }

    private static void row(String store, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", store, sorted.length, ms(pct(sorted, 50)),
                ms(pct(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long[] measure(Map<String, String> settings, int openings) throws Exception {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom().failureThreshold(1)
                .halfOpenAfter(Duration.ofHours(1)).recoveryTimeout(Duration.ofHours(1)).build();
        CircuitBreakerRegistry opener = registry(settings);
        CircuitBreakerRegistry observer = registry(settings);
        try {
            CircuitBreaker a = opener.circuit("propagation", config);
            CircuitBreaker b = observer.circuit("propagation", config);
            long[] out = new long[openings];
            for (int i = 0; i < openings; i++) {
                a.reset();
                waitUntil(() -> permitted(b));
                AtomicLong refusedAt = new AtomicLong();
                Thread watcher = new Thread(() -> {
                    while (permitted(b)) {
                        LockSupport.parkNanos(100_000);
                    }
                    refusedAt.set(System.nanoTime());
                });
                watcher.start();
                Thread.sleep(20);
                long openedAt = System.nanoTime();
                a.recordFailure(new IOException("down"));
                watcher.join(TimeUnit.SECONDS.toMillis(30));
                out[i] = refusedAt.get() - openedAt;
            }
            return out;
        } finally {
            opener.closeStore();
            observer.closeStore();
        }
    }

    private static boolean permitted(CircuitBreaker b) {
        CircuitPermit p = b.tryAcquirePermission();
        if (p == null) {
            return false;
        }
        p.release();
        return true;
    }

    private static CircuitBreakerRegistry registry(Map<String, String> settings) {
        List<CircuitStoreProvider> providers = StoreProviders.all(PropagationBenchmark.class.getClassLoader());
        StoreSettings s = StoreSettings.from(settings, "benchmark", providers);
        CircuitStore store = s.providerAmong(providers).open(s);
        return CircuitBreakerRegistry.builder().store(store, s.lease()).build();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the observer never saw the circuit closed again");
            }
            Thread.sleep(1);
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("redis-server did not come up on " + port);
    }
}
