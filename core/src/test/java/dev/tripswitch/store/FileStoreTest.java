package dev.tripswitch.store;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitState;
import dev.tripswitch.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two registries on one file-store directory stand for two JVMs (each has its own store instance, watcher and
 * upkeep thread; they share only the files). Time is a {@link MutableClock} both use.
 */
class FileStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private final MutableClock clock = MutableClock.start();
    private final List<FileCircuitStore> stores = new ArrayList<>();
    private final List<CircuitBreakerRegistry> registries = new ArrayList<>();
    private CircuitBreakerConfig config;

    @BeforeEach
    void setUp() {
        UnsharedCircuits.clear();
        config = CircuitBreakerConfig.custom().failureThreshold(3).halfOpenAfter(Duration.ofSeconds(30))
                .recoveryTimeout(Duration.ofMinutes(2)).clock(clock).build();
    }

    @AfterEach
    void closeStores() {
        registries.forEach(CircuitBreakerRegistry::closeStore);
        UnsharedCircuits.clear();
    }

    private CircuitBreaker circuitInAnotherJvm(String name) {
        FileCircuitStore store = new FileCircuitStore(dir.resolve("scope"), Duration.ofSeconds(2));
        stores.add(store);
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().clock(clock).store(store, LEASE).build();
        registries.add(registry);
        return registry.circuit(name, config);
    }

    @Test
    void failuresInTwoJvms_openTheCircuitForBoth_atTheThresholdOnce() {
        CircuitBreaker a = circuitInAnotherJvm("api");
        CircuitBreaker b = circuitInAnotherJvm("api");
        a.recordFailure(new IOException("down"));
        b.recordFailure(new IOException("down"));
        a.recordFailure(new IOException("still down"));

        await().atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquirePermission() == null);
        assertThat(a.tryAcquirePermission()).isNull();
        assertThat(b.snapshot().totalFailures()).isEqualTo(3);
        assertThat(b.snapshot().timesOpened()).isEqualTo(1);
        assertThat(b.snapshot().lastFailure().describe()).isEqualTo("java.io.IOException: still down");
        assertThat(b.snapshot().transitions()).extracting(t -> t.to()).containsExactly(CircuitState.OPEN);
    }

    @Test
    void oneProbeAcrossJvms_andAnExpiredLeaseFreesItsSlot() {
        CircuitBreaker a = circuitInAnotherJvm("grid");
        CircuitBreaker b = circuitInAnotherJvm("grid");
        for (int i = 0; i < 3; i++) {
            a.recordFailure();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquirePermission() == null); // b has seen it
        clock.advance(Duration.ofSeconds(30));

        CircuitPermit probe = a.tryAcquirePermission();
        assertThat(probe).isNotNull();
        assertThat(probe.isProbe()).isTrue();
        assertThat(b.tryAcquirePermission()).as("the one probe slot is taken in the other JVM").isNull();

        clock.advance(LEASE.plusMillis(1)); // the JVM holding the lease stopped renewing it (it died)
        CircuitPermit second = b.tryAcquirePermission();
        assertThat(second).isNotNull();
        assertThat(second.isProbe()).isTrue();
        second.onSuccess();
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.tryAcquirePermission() != null && !a.tryAcquirePermission().isProbe());
        probe.onFailure(new IOException("late")); // the first probe's outcome comes after its window: history
        assertThat(a.snapshot().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aFailedProbe_reopensWithTheWaitDoubled_forEveryJvm() {
        CircuitBreaker a = circuitInAnotherJvm("db");
        CircuitBreaker b = circuitInAnotherJvm("db");
        for (int i = 0; i < 3; i++) {
            a.recordFailure();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> b.tryAcquirePermission() == null); // b has seen it
        clock.advance(Duration.ofSeconds(30));
        b.tryAcquirePermission().onFailure(new IOException("no"));

        assertThat(b.snapshot().currentWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(b.snapshot().nextProbeAt()).isEqualTo(clock.instant().plusSeconds(60));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.tryAcquirePermission() == null);
        clock.advance(Duration.ofSeconds(59));
        assertThat(a.tryAcquirePermission()).isNull();
    }

    @Test
    void totalsAreExactAcrossJvms_thoughClosedSuccessesAreSentLater() throws Exception {
        CircuitBreaker a = circuitInAnotherJvm("totals");
        CircuitBreaker b = circuitInAnotherJvm("totals");
        Thread t = new Thread(() -> {
            for (int i = 0; i < 5000; i++) {
                a.tryAcquirePermission().onSuccess();
            }
        });
        t.start();
        for (int i = 0; i < 3000; i++) {
            b.tryAcquirePermission().onSuccess();
        }
        t.join();
        a.snapshot(); // sends a's pending totals
        assertThat(b.snapshot().totalSuccesses()).isEqualTo(8000);
        assertThat(b.snapshot().failureCount()).isZero();
    }

    @Test
    void aSuccessResetsFailuresCountedInAnotherJvm() {
        CircuitBreaker a = circuitInAnotherJvm("reset-count");
        CircuitBreaker b = circuitInAnotherJvm("reset-count");
        a.recordFailure();
        a.recordFailure();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.snapshot().failureCount() == 2);
        b.tryAcquirePermission().onSuccess();
        a.recordFailure();
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(a.snapshot().failureCount()).isEqualTo(1);
    }

    @Test
    void resetInOneJvm_closesTheCircuitAndClearsTheTotalsForAll() {
        CircuitBreaker a = circuitInAnotherJvm("to-reset");
        CircuitBreaker b = circuitInAnotherJvm("to-reset");
        for (int i = 0; i < 3; i++) {
            a.recordFailure();
        }
        b.reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.tryAcquirePermission() != null);
        assertThat(a.snapshot().totalFailures()).isZero();
        assertThat(a.snapshot().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aClosedAcquireAndSuccess_allocateNothingAndTouchNoFile() throws IOException {
        CircuitBreaker cb = circuitInAnotherJvm("hot");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) {
            cb.tryAcquirePermission().onSuccess();
        }
        cb.snapshot();
        long modified = Files.getLastModifiedTime(stores.get(0).stateFile("hot")).toMillis();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            cb.tryAcquirePermission().onSuccess();
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).isLessThan(10_000);
        assertThat(cb.snapshot().totalSuccesses()).isEqualTo(300_000);
        assertThat(modified).isPositive();
    }

    /** Replaces the store's directory by a file: every later operation of the store fails. */
    private Path breakTheStore() throws IOException {
        Path scope = dir.resolve("scope");
        try (var files = Files.list(scope)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(scope);
        Files.writeString(scope, "not a directory");
        return scope;
    }

    @Test
    void aStoreThatFails_leavesTheCircuitUnsharedInMemory_andSaysSinceWhen() throws IOException {
        CircuitBreaker cb = circuitInAnotherJvm("fragile");
        cb.recordFailure();
        Path scope = breakTheStore();

        cb.recordFailure(new IOException("one")); // the store fails here: this one goes to the in-memory circuit
        cb.recordFailure();
        cb.recordFailure();
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        UnsharedCircuits.Unshared entry = UnsharedCircuits.find("fragile");
        assertThat(entry).isNotNull();
        assertThat(entry.store()).isEqualTo("file:" + scope);
        assertThat(entry.since()).isEqualTo(clock.instant());
        assertThat(entry.describe()).startsWith("Tripswitch: circuit 'fragile' ran unshared (in this JVM only) since "
                + clock.instant() + ": store file:" + scope + " failed: ");
    }

    @Test
    void afterTheStoreFailed_theInMemoryCircuitsProbeReturnsItsSlotThere_andAProbeOfTheStoreOnlyAddsToTheTotals()
            throws IOException {
        CircuitBreaker cb = circuitInAnotherJvm("fallback");
        for (int i = 0; i < 3; i++) {
            cb.recordFailure();
        }
        clock.advance(Duration.ofSeconds(30));
        CircuitPermit storesProbe = cb.tryAcquirePermission();
        assertThat(storesProbe).isNotNull().matches(CircuitPermit::isProbe);
        breakTheStore();
        for (int i = 0; i < 3; i++) {
            cb.recordFailure(); // the first meets the failure: from then on the in-memory circuit counts
        }
        assertThat(UnsharedCircuits.find("fallback")).isNotNull();
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        clock.advance(Duration.ofSeconds(30));

        CircuitPermit probe = cb.tryAcquirePermission();
        assertThat(probe).isNotNull().matches(CircuitPermit::isProbe);
        assertThat(cb.tryAcquirePermission()).as("the in-memory circuit's one slot is taken").isNull();
        probe.release();
        CircuitPermit next = cb.tryAcquirePermission();
        assertThat(next).as("the slot went back to the in-memory circuit").isNotNull().matches(CircuitPermit::isProbe);

        storesProbe.onFailure(new IOException("late"));
        assertThat(cb.state()).as("a permit of the store drives nothing in memory").isEqualTo(CircuitState.HALF_OPEN);
        assertThat(cb.snapshot().totalFailures()).isEqualTo(4);
        next.onSuccess();
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }
}
