package dev.tripswitch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Callers of {@link CircuitBreaker#awaitPermission()} on threads of their own, for tests: each thread hands its
 * {@link WaitOutcome} to {@link #next()} and then does what the test says with it. Every wait here has a
 * generous real-time ceiling that only a broken circuit reaches; time itself is the test's {@link MutableClock}.
 */
final class WaitingCallers implements AutoCloseable {

    static final Duration CEILING = Duration.ofSeconds(30);

    private final CircuitBreaker circuit;
    private final BlockingQueue<WaitOutcome> outcomes = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    WaitingCallers(CircuitBreaker circuit) {
        this.circuit = circuit;
    }

    /** Starts {@code count} callers; each hands its outcome to {@code then} on its own thread, then to {@link #next()}. */
    WaitingCallers start(int count, Function<WaitOutcome, WaitOutcome> then) {
        int before = circuit.waitingCallers();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                try {
                    outcomes.add(then.apply(circuit.awaitPermission()));
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "waiter-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        awaitUntil(() -> circuit.waitingCallers() == before + count, count + " more callers waiting on " + circuit);
        return this;
    }

    WaitingCallers start(int count) {
        return start(count, o -> o);
    }

    /** The next outcome a caller came back with. */
    WaitOutcome next() throws InterruptedException {
        WaitOutcome o = outcomes.poll(CEILING.toMillis(), TimeUnit.MILLISECONDS);
        if (o == null) {
            throw new AssertionError("no caller came back within " + CEILING + "; " + circuit.waitingCallers()
                    + " still waiting; errors: " + errors);
        }
        return o;
    }

    /** The next outcome a caller came back with, or {@code null} when none has (yet). */
    WaitOutcome poll() {
        return outcomes.poll();
    }

    /** Every caller's thread has ended, with no error. */
    void joinAll() throws InterruptedException {
        for (Thread t : threads) {
            t.join(CEILING.toMillis());
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " is still waiting after " + CEILING);
            }
        }
        synchronized (errors) {
            if (!errors.isEmpty()) {
                AssertionError e = new AssertionError("a caller failed: " + errors.get(0), errors.get(0));
                errors.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
        }
    }

    static void awaitUntil(BooleanSupplier condition, String what) {
        FakeShop.awaitUntil(condition, what);
    }

    @Override
    public void close() {
        threads.forEach(Thread::interrupt); // only matters when a test failed half-way
    }
}
