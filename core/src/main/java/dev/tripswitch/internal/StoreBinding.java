package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.SharedState;
import dev.tripswitch.store.StoreException;
import dev.tripswitch.store.StoreOperation;
import dev.tripswitch.store.StoreSettings;
import dev.tripswitch.store.UnsharedCircuits;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link CircuitStore} as this JVM's circuits use it: the store, the circuits bound to it, and one daemon
 * thread that sends the totals counted locally, polls each circuit (the fallback when a change notification is
 * lost) and renews the leases of the probes this JVM runs. When the store fails, every circuit bound to it
 * carries on unshared with one warning for the store.
 */
public final class StoreBinding implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreBinding.class.getName());
    static final long TICK_MILLIS = 50;
    static final long FLUSH_MILLIS = 200;
    static final long POLL_MILLIS = 1000;

    private final CircuitStore store;
    private final Duration lease;
    private final String jvmId = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong leaseNumbers = new AtomicLong();
    private final List<SharedCircuit<?>> circuits = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Thread ticker;
    private final Thread shutdownHook;
    private volatile boolean closed;
    private volatile boolean storeClosed;

    public StoreBinding(CircuitStore store, Duration lease) {
        this.store = store;
        this.lease = lease;
        this.ticker = new Thread(this::tick, "tripswitch-store-" + jvmId);
        ticker.setDaemon(true);
        ticker.start();
        this.shutdownHook = new Thread(this::flushAndClose, "tripswitch-store-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Binds the store {@code settings} name, found among the providers on {@code loader}'s class path. */
    public static StoreBinding open(StoreSettings settings, ClassLoader loader) {
        CircuitStore store;
        try {
            store = settings.providerAmong(StoreProviders.all(loader)).open(settings);
        } catch (StoreException unreachable) {
            store = new UnreachableStore(settings.shown(), unreachable); // its circuits go unshared at once
        }
        return new StoreBinding(store, settings.lease());
    }

    public CircuitStore store() {
        return store;
    }

    public String description() {
        return store.description();
    }

    long leaseMillis() {
        return lease.toMillis();
    }

    /** A lease id no other probe of any JVM has: this JVM's id and a number. */
    String leaseId(long number) {
        return jvmId + "-" + number;
    }

    long nextLeaseNumber() {
        return leaseNumbers.incrementAndGet();
    }

    boolean failed() {
        return failed.get();
    }

    void bind(SharedCircuit<?> circuit) {
        circuits.add(circuit);
        store.watch(circuit.name(), circuit::refresh);
    }

    /**
     * The store failed: every circuit goes unshared, and one warning (for the first failure only) names the
     * store and the error.
     */
    void fail(RuntimeException error, Clock clock) {
        if (storeClosed) {
            return; // a change callback that raced with close(): the store is gone on purpose
        }
        String message = StoreSettings.mask(error.getMessage() == null ? error.toString() : error.getMessage());
        String prefix = "store " + store.description() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        if (failed.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "Tripswitch: store " + store.description() + " failed ("
                    + message + "); its circuits carry on unshared, each JVM with its own in-memory circuit");
        }
        for (SharedCircuit<?> c : circuits) {
            UnsharedCircuits.note(c.name(), store.description(), clock.instant(), message); // before anyone runs unshared
            c.goUnshared();
        }
    }

    private void tick() {
        while (!closed) {
            try {
                Thread.sleep(TICK_MILLIS);
                if (!failed.get()) {
                    for (SharedCircuit<?> c : circuits) {
                        c.maintain();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: store upkeep failed", e);
            }
        }
    }

    /** Sends what is pending and closes the store. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.interrupt();
        try {
            ticker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // called from the hook itself
        }
        flushAndClose();
    }

    private void flushAndClose() {
        closed = true;
        if (!failed.get()) {
            for (SharedCircuit<?> c : circuits) {
                c.refresh();
            }
        }
        storeClosed = true;
        store.close();
    }

    /** A store that could not be opened: every call fails with the reason, so its circuits run unshared. */
    private record UnreachableStore(String description, StoreException reason) implements CircuitStore {
        @Override
        public SharedState apply(String name, CircuitBreakerConfig config, StoreOperation op) {
            throw reason;
        }

        @Override
        public void watch(String name, Runnable changed) {
        }

        @Override
        public void close() {
        }
    }
}
