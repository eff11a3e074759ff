package dev.tripswitch.bench.stores;

import dev.tripswitch.Admission;
import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.Protection;
import dev.tripswitch.TestRun;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One JVM of a store benchmark, started by {@link StoreOutage} or {@link StorePropagation}. Its circuit comes from
 * {@link CircuitBreakerRegistry#global()}, so the store is the one the system properties name
 * ({@code tripswitch.store}, {@code tripswitch.store.scope}, {@code tripswitch.circuit.<name>.*}), as in a test
 * suite's JVM. It prints {@code READY} once its circuit is bound to the store and then follows commands on stdin.
 * <ul>
 *   <li>{@code outage <tests> <dependency URL> <work ms>}: after {@code GO}, runs {@code tests} trivial protected
 *       "tests" one after another through {@link TestRun#admit}: each calls the dependency (GET, expects 200) and
 *       then works for {@code work ms}; refused ones are skipped. Prints
 *       {@code RESULT passed failed probeFailures skipped millis}.</li>
 *   <li>{@code opener}: {@code reset} resets the circuit (prints {@code RESET}); {@code open} records the one
 *       failure that opens it (prints {@code OPENED <nanoTime before the call>}).</li>
 *   <li>{@code observer}: {@code watch} waits until the circuit lets a call through (prints {@code WATCHING}), then
 *       asks every 100 µs until it refuses (prints {@code REFUSED <nanoTime>}).</li>
 * </ul>
 * Both ends read {@link System#nanoTime()}, which on Linux is the machine's monotonic clock, the same in every
 * process, so the coordinator can subtract one JVM's time from another's.
 */
public final class StoreWorker {

    /** The circuit every worker names. */
    public static final String CIRCUIT = "dependency";

    private StoreWorker() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "outage" -> outage(in, Integer.parseInt(args[1]), URI.create(args[2]), Long.parseLong(args[3]));
            case "opener" -> opener(in);
            case "observer" -> observer(in);
            default -> throw new IllegalArgumentException("unknown mode " + args[0] + "; allowed: outage, opener, observer");
        }
        System.out.flush();
    }

    private static void outage(BufferedReader in, int tests, URI dependency, long workMillis) throws Exception {
        TestRun run = TestRun.start();
        Protection protection = Protection.by(CircuitDefinition.builder(CIRCUIT, "store benchmark").build());
        run.circuitOf(protection); // binds the circuit to the store before the clock starts
        call(dependency.resolve("/warm-up"), 204); // loads the HTTP client's classes before the clock starts
        ready();
        expect(in, "GO");
        long started = System.nanoTime();
        int passed = 0;
        int failed = 0;
        int probeFailures = 0;
        int skipped = 0;
        for (int i = 0; i < tests; i++) {
            String name = "test" + i;
            Admission a = run.admit(new TestIdentity("store-benchmark", "OutageSuite", name, name), protection);
            if (a.isRefused()) {
                skipped++;
                continue;
            }
            if (!a.isGranted()) {
                throw new IllegalStateException("test " + name + " was neither granted nor refused: " + a);
            }
            try {
                call(dependency, 200);
                Thread.sleep(workMillis);
                a.passed();
                passed++;
            } catch (IOException e) {
                if (a.isProbe()) {
                    probeFailures++;
                }
                a.failed(e);
                failed++;
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("RESULT " + passed + " " + failed + " " + probeFailures + " " + skipped + " " + millis);
    }

    private static void call(URI dependency, int expected) throws IOException {
        HttpURLConnection c = (HttpURLConnection) dependency.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(10_000);
        try {
            int status = c.getResponseCode();
            try (InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            if (status != expected) {
                throw new IOException("dependency answered " + status);
            }
        } finally {
            c.disconnect();
        }
    }

    private static void opener(BufferedReader in) throws IOException {
        CircuitBreaker circuit = CircuitBreakerRegistry.global().circuit(CIRCUIT);
        ready();
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "reset" -> {
                    circuit.reset();
                    System.out.println("RESET");
                }
                case "open" -> {
                    long at = System.nanoTime();
                    circuit.recordFailure(new IOException("down"));
                    System.out.println("OPENED " + at);
                }
                case "quit" -> {
                    return;
                }
                default -> throw new IllegalArgumentException("opener: unknown command " + line);
            }
            System.out.flush();
        }
    }

    private static void observer(BufferedReader in) throws IOException {
        CircuitBreaker circuit = CircuitBreakerRegistry.global().circuit(CIRCUIT);
        ready();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("quit")) {
                return;
            }
            if (!line.equals("watch")) {
                throw new IllegalArgumentException("observer: unknown command " + line);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!permitted(circuit)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("observer: the circuit was not closed again within 30 s: "
                            + circuit.snapshot().describe());
                }
                LockSupport.parkNanos(1_000_000);
            }
            System.out.println("WATCHING");
            System.out.flush();
            while (permitted(circuit)) {
                LockSupport.parkNanos(100_000);
            }
            System.out.println("REFUSED " + System.nanoTime());
            System.out.flush();
        }
    }

    private static boolean permitted(CircuitBreaker circuit) {
        CircuitPermit p = circuit.tryAcquirePermission();
        if (p == null) {
            return false;
        }
        p.release();
        return true;
    }

    private static void ready() {
        System.out.println("READY");
        System.out.flush();
    }

    private static void expect(BufferedReader in, String word) throws IOException {
        String line = in.readLine();
        if (!word.equals(line)) {
            throw new IllegalStateException("expected " + word + " on stdin, got " + line);
        }
    }
}
