package dev.tripswitch.bench.stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Propagation: from the moment one JVM records the failure that opens the shared circuit to the first refusal
 * another JVM gives, over {@code openings} openings. Two {@link StoreWorker} JVMs (an opener and an observer,
 * started with ProcessBuilder) share circuit {@code dependency} through the store; the observer asks every 100 µs,
 * as a busy suite would. Per opening: the opener resets the circuit, the observer waits until it lets calls
 * through again and starts watching, 20 ms later the opener records one failure ({@code failureThreshold=1}).
 * Both ends time with {@link System#nanoTime()} (the machine's monotonic clock, one for every process on Linux).
 */
public final class StorePropagation {

    /** The propagation times of one store, in nanoseconds, in the order measured. */
    public record Result(StoreKind store, long[] nanos) {
        public long percentile(int p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
        }

        public long max() {
            return Arrays.stream(nanos).max().orElseThrow();
        }
    }

    private StorePropagation() {
    }

    /** Refuses what cannot be measured: the in-memory store (nothing is shared), fewer than one opening. */
    static void check(List<StoreKind> stores, int openings) {
        if (stores.contains(StoreKind.MEMORY)) {
            throw new IllegalArgumentException("--stores=memory is refused for propagation: in memory nothing is"
                    + " shared between JVMs; allowed: file, redis");
        }
        if (openings < 1) {
            throw new IllegalArgumentException("--openings=" + openings + " is refused; allowed: 1 or more");
        }
    }

    public static Result run(StoreKind store, int openings) throws Exception {
        check(List.of(store), openings);
        Path directory = null;
        RedisProcess redis = null;
        try {
            String location = store == StoreKind.FILE
                    ? "file:" + (directory = Files.createTempDirectory("tripswitch-propagation"))
                    : (redis = RedisProcess.start()).uri();
            Map<String, String> properties = Map.of("tripswitch.store", location,
                    "tripswitch.store.scope", "propagation-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                    "tripswitch.circuit." + StoreWorker.CIRCUIT + ".failureThreshold", "1",
                    "tripswitch.circuit." + StoreWorker.CIRCUIT + ".halfOpenAfter", "1h",
                    "tripswitch.circuit." + StoreWorker.CIRCUIT + ".recoveryTimeout", "1h");
            try (WorkerJvm opener = WorkerJvm.start(store.label() + " opener", properties, "opener");
                 WorkerJvm observer = WorkerJvm.start(store.label() + " observer", properties, "observer")) {
                opener.await("READY", Duration.ofMinutes(1));
                observer.await("READY", Duration.ofMinutes(1));
                long[] out = new long[openings];
                for (int i = 0; i < openings; i++) {
                    opener.send("reset");
                    opener.await("RESET", Duration.ofSeconds(30));
                    observer.send("watch");
                    observer.await("WATCHING", Duration.ofSeconds(40));
                    Thread.sleep(20);
                    opener.send("open");
                    long openedAt = Long.parseLong(opener.await("OPENED", Duration.ofSeconds(30))[0]);
                    long refusedAt = Long.parseLong(observer.await("REFUSED", Duration.ofSeconds(30))[0]);
                    if (refusedAt < openedAt) {
                        throw new IllegalStateException("opening " + (i + 1) + ": the observer refused "
                                + (openedAt - refusedAt) + " ns before the opener opened the circuit");
                    }
                    out[i] = refusedAt - openedAt;
                }
                opener.send("quit");
                observer.send("quit");
                opener.awaitExit(Duration.ofMinutes(1));
                observer.awaitExit(Duration.ofMinutes(1));
                return new Result(store, out);
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
            if (directory != null) {
                try (var files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
