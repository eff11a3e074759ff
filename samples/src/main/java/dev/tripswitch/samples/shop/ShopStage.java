package dev.tripswitch.samples.shop;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import dev.tripswitch.samples.SampleApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The stage directions of the outage story: the one sample shop of this JVM, opened by a suite before its
 * first test, sent down and brought back between the acts, and closed after the last test.
 *
 * <p>These calls live in set-up methods that no circuit guards, so they happen whatever the circuit says:
 * the shop comes back even while the circuit is still open.
 */
public final class ShopStage {

    private static SampleApp app;

    private ShopStage() {
    }

    /** Starts the shop (healthy) if it is not running yet. */
    public static synchronized void open() {
        if (app == null) {
            try {
                app = SampleApp.start();
            } catch (IOException e) {
                throw new UncheckedIOException("the sample shop did not start", e);
            }
        }
        switchTo(SampleApp.Mode.HEALTHY);
    }

    /** The shop's address, e.g. {@code http://127.0.0.1:41234/}. */
    public static synchronized URI baseUri() {
        if (app == null) {
            throw new IllegalStateException("the sample shop is not open: call ShopStage.open() first");
        }
        return app.baseUri();
    }

    /** The shop goes down: its port is closed, so browsers get "connection refused". */
    public static void goesDown() {
        switchTo(SampleApp.Mode.DOWN);
        say("the shop goes DOWN (its port is closed)");
    }

    /**
     * The shop comes back. In a real suite time passes while other tests run; here nothing else runs, so this
     * waits until circuit {@code shop} lets its next probe through (no wait when the circuit is not open, or
     * when the circuit breaker is switched off).
     */
    public static void comesBack() {
        switchTo(SampleApp.Mode.HEALTHY);
        Optional<Instant> nextProbe = CircuitBreakerRegistry.global().find(ShopCircuit.NAME)
                .map(CircuitBreaker::snapshot)
                .filter(s -> s.state() == CircuitState.OPEN)
                .map(CircuitSnapshot::nextProbeAt);
        if (nextProbe.isPresent()) {
            Duration wait = Duration.between(Instant.now(), nextProbe.get()).plusMillis(100);
            say("the shop is back; circuit '" + ShopCircuit.NAME + "' is OPEN, its next probe is due in "
                    + Math.max(0, wait.toMillis()) + " ms");
            sleep(wait);
        } else {
            say("the shop is back");
        }
    }

    /** Stops the shop (after a suite's last test). */
    public static synchronized void close() {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    private static synchronized void switchTo(SampleApp.Mode mode) {
        try {
            if (app == null) {
                throw new IllegalStateException("the sample shop is not open: call ShopStage.open() first");
            }
            app.switchTo(mode);
        } catch (IOException e) {
            throw new UncheckedIOException("the sample shop could not switch to " + mode, e);
        }
    }

    private static void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String line) {
        if (Boolean.getBoolean("tripswitch.samples.verbose")) {
            System.out.println("[stage] " + line);
        }
    }
}
