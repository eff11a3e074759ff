package dev.tripswitch.bench.stores;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.SharedState;
import dev.tripswitch.store.StoreOperation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An outage across several JVMs that share one circuit: {@code jvms} JVMs ({@link StoreWorker}, started with
 * ProcessBuilder) each run {@code tests} trivial protected tests against one {@link SwitchableDependency}, which
 * goes down {@code downAfterMs} after the start for {@code downForMs} (-1: for the rest of the run). Each store
 * (in memory: every JVM its own circuit; the file store; a real Redis) runs the same outage; the totals are the
 * sum of what the JVMs report, checked against the dependency's own count of the requests it answered and, for
 * a shared store, against the store's totals after every JVM has exited.
 *
 * <p>Run: {@code benchmarks/run-stores.sh outage [--jvms=4] [--tests=200] ...} ({@code --help} lists the options).
 */
public final class StoreOutage {

    /** The outage's sizes and the circuit's settings. */
    public record Settings(int jvms, int tests, long workMs, long failMs, long downAfterMs, long downForMs,
                           int failureThreshold, long halfOpenAfterMs) {
        public Settings {
            positive("jvms", jvms);
            positive("tests", tests);
            positive("failureThreshold", failureThreshold);
            positive("halfOpenAfterMs", halfOpenAfterMs);
            notNegative("workMs", workMs);
            notNegative("failMs", failMs);
            notNegative("downAfterMs", downAfterMs);
            if (downForMs < -1) {
                throw new IllegalArgumentException("--downForMs=" + downForMs + " is refused; allowed: -1 (down for"
                        + " the rest of the run) or 0 or more milliseconds");
            }
        }

        public static Settings defaults() {
            return new Settings(4, 200, 10, 200, 1000, 3000, 3, 500);
        }
    }

    /**
     * What one store's run gave: totals over every JVM, the time from the start to the last JVM's end, and for a
     * shared store its own totals afterwards ({@code null} in memory).
     */
    public record Result(StoreKind store, int jvms, int passed, int failed, int probeFailures, int skipped,
                         long wallMillis, long slowestJvmMillis, SharedState.Totals shared) {
    }

    private StoreOutage() {
    }

    /** Runs the outage once against {@code store}; fails when any count disagrees with another. */
    public static Result run(StoreKind store, Settings s) throws Exception {
        String scope = "outage-" + store.label() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path directory = null;
        RedisProcess redis = null;
        List<WorkerJvm> jvms = new ArrayList<>();
        try (SwitchableDependency dependency = new SwitchableDependency(s.failMs())) {
            String location = switch (store) {
                case MEMORY -> "memory";
                case FILE -> "file:" + (directory = Files.createTempDirectory("tripswitch-outage"));
                case REDIS -> (redis = RedisProcess.start()).uri();
            };
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("tripswitch.store", location);
            properties.put("tripswitch.store.scope", scope);
            String circuit = "tripswitch.circuit." + StoreWorker.CIRCUIT + ".";
            properties.put(circuit + "failureThreshold", Integer.toString(s.failureThreshold()));
            properties.put(circuit + "halfOpenAfter", s.halfOpenAfterMs() + "ms");
            properties.put(circuit + "recoveryTimeout", recoveryTimeout(s).toMillis() + "ms");
            for (int i = 0; i < s.jvms(); i++) {
                jvms.add(WorkerJvm.start(store.label() + " JVM " + (i + 1), properties, "outage",
                        Integer.toString(s.tests()), dependency.uri().toString(), Long.toString(s.workMs())));
            }
            for (WorkerJvm j : jvms) {
                j.await("READY", Duration.ofMinutes(1));
            }
            Thread outage = new Thread(() -> outage(dependency, s), "outage schedule");
            outage.setDaemon(true);
            if (s.downAfterMs() == 0) {
                dependency.down(true); // down before the first test can call it
            }
            long started = System.nanoTime();
            outage.start();
            for (WorkerJvm j : jvms) {
                j.send("GO");
            }
            int passed = 0, failed = 0, probeFailures = 0, skipped = 0;
            long slowest = 0;
            for (WorkerJvm j : jvms) {
                String[] r = j.await("RESULT", Duration.ofMinutes(10));
                passed += Integer.parseInt(r[0]);
                failed += Integer.parseInt(r[1]);
                probeFailures += Integer.parseInt(r[2]);
                skipped += Integer.parseInt(r[3]);
                slowest = Math.max(slowest, Long.parseLong(r[4]));
            }
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            outage.interrupt();
            for (WorkerJvm j : jvms) {
                j.awaitExit(Duration.ofMinutes(1)); // a shared store has the JVMs' totals once they have exited
            }
            check(passed + failed + skipped == s.jvms() * s.tests(), "passed + failed + skipped = "
                    + (passed + failed + skipped) + ", not jvms x tests = " + s.jvms() * s.tests());
            check(dependency.answeredUp() == passed && dependency.answeredDown() == failed, "the dependency answered "
                    + dependency.answeredUp() + " up and " + dependency.answeredDown() + " down, the JVMs counted "
                    + passed + " passed and " + failed + " failed");
            SharedState.Totals shared = store == StoreKind.MEMORY ? null : storeState(location, scope, s).totals();
            if (shared != null) {
                check(shared.successes() == passed && shared.failures() == failed && shared.rejected() == skipped,
                        "the store's totals (" + shared.successes() + " successes, " + shared.failures()
                        + " failures, " + shared.rejected() + " rejected) differ from the JVMs' (" + passed + ", "
                        + failed + ", " + skipped + ")");
            }
            return new Result(store, s.jvms(), passed, failed, probeFailures, skipped, wall, slowest, shared);
        } finally {
            for (WorkerJvm j : jvms) {
                j.close();
            }
            if (redis != null) {
                redis.close();
            }
            if (directory != null && System.getenv("KEEP_STORE_DIR") != null) {
                System.err.println("kept the file store's directory " + directory);
            } else if (directory != null) {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void outage(SwitchableDependency dependency, Settings s) {
        try {
            Thread.sleep(s.downAfterMs());
            dependency.down(true);
            if (s.downForMs() >= 0) {
                Thread.sleep(s.downForMs());
                dependency.down(false);
            }
        } catch (InterruptedException e) {
            // the run is over
        }
    }

    /**
     * What the store holds for the circuit, read with one READ operation on the store itself (not through a
     * circuit, whose snapshot may act on the state, e.g. ask for a due probe).
     */
    private static SharedState storeState(String location, String scope, Settings s) {
        try (CircuitStore store = StoreKind.storeAt(location, scope)) {
            CircuitBreakerConfig config = CircuitBreakerConfig.custom().failureThreshold(s.failureThreshold())
                    .halfOpenAfter(Duration.ofMillis(s.halfOpenAfterMs())).recoveryTimeout(recoveryTimeout(s)).build();
            return store.apply(StoreWorker.CIRCUIT, config, StoreOperation.read(SharedState.Totals.NONE));
        }
    }

    /** The longest wait in OPEN: the default minute, or halfOpenAfter when that is longer. */
    private static Duration recoveryTimeout(Settings s) {
        Duration halfOpenAfter = Duration.ofMillis(s.halfOpenAfterMs());
        Duration byDefault = CircuitBreakerConfig.DEFAULT_RECOVERY_TIMEOUT;
        return halfOpenAfter.compareTo(byDefault) > 0 ? halfOpenAfter : byDefault;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the outage benchmark miscounted: " + what);
        }
    }

    private static void positive(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException("--" + name + "=" + v + " is refused; allowed: 1 or more");
        }
    }

    private static void notNegative(String name, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("--" + name + "=" + v + " is refused; allowed: 0 or more");
        }
    }
}
