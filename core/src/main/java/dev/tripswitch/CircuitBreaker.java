package dev.tripswitch;

import dev.tripswitch.internal.CircuitBackEnd;
import dev.tripswitch.internal.CircuitStateMachine;
import dev.tripswitch.internal.HealthGate;
import dev.tripswitch.internal.Pauser;
import dev.tripswitch.internal.PermitFactory;
import dev.tripswitch.internal.Reporter;
import dev.tripswitch.internal.SharedCircuit;
import dev.tripswitch.internal.StoreBinding;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A named circuit breaker: CLOSED lets calls through and counts consecutive failures; at
 * {@code failureThreshold} it opens and refuses calls; after {@code halfOpenAfter} the next caller finds it
 * HALF_OPEN and up to {@code permittedProbes} probe calls go through. {@code successThreshold} successful
 * probes close it; a failed probe opens it again with the wait doubled, capped at {@code recoveryTimeout}.
 *
 * <p>OPEN becomes HALF_OPEN lazily, when somebody asks (permission, {@link #state()}, {@link #snapshot()});
 * there are no timer threads. All timing goes through the configured {@link java.time.Clock}.
 *
 * <p>Thread-safe and lock-free: the state machine ({@link CircuitStateMachine}) keeps the whole state in one
 * immutable phase swapped by compare-and-set, each transition followed by its event. In CLOSED, acquiring a
 * permit and reporting its success allocate nothing.
 *
 * <p>The state lives in one back end ({@link CircuitBackEnd}): the in-memory state machine, or, for a circuit
 * shared through a store, a {@link SharedCircuit} (with an in-memory machine to carry on when the store fails).
 * This class delegates to it; a permit reports its outcome to the back end that granted it.
 */
public final class CircuitBreaker {

    private final String name;
    private final CircuitBreakerConfig config;
    private final CircuitListeners listeners = new CircuitListeners(this);
    private final CircuitBackEnd<CircuitPermit> backEnd;
    private final OpenCircuitWait waits;

    /** A circuit named {@code name} with the given configuration. Most users get circuits from a registry. */
    public static CircuitBreaker of(String name, CircuitBreakerConfig config) {
        return new CircuitBreaker(name, config);
    }

    /** A circuit with the default configuration. */
    public static CircuitBreaker ofDefaults(String name) {
        return new CircuitBreaker(name, CircuitBreakerConfig.ofDefaults());
    }

    /**
     * A circuit whose state lives in {@code store} (the in-memory machine is its fallback), or in memory when
     * {@code store} is null; {@code health} is its health check when its configuration gives none (a dependency
     * circuit's connect check), else null.
     */
    static CircuitBreaker of(String name, CircuitBreakerConfig config, StoreBinding store, HealthGate health) {
        return new CircuitBreaker(name, config, store, health);
    }

    private CircuitBreaker(String name, CircuitBreakerConfig config) {
        this(name, config, null, null);
    }

    private CircuitBreaker(String name, CircuitBreakerConfig config, StoreBinding store, HealthGate givenHealth) {
        if (name == null || name.isBlank()) {
            throw new CircuitConfigurationException("name must be a non-blank string, but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        this.name = name;
        this.config = Objects.requireNonNull(config, "config");
        HealthGate health = givenHealth != null ? givenHealth
                : HealthGate.forConfig(config); // one per circuit: the shared path asks the same one
        if (health != null) {
            health.tellAnswersTo(listeners);
        }
        PermitFactory<CircuitPermit> permits = (grantedBy, window, ticket, grantedIn) ->
                new CircuitPermit(this, grantedBy, window, ticket, grantedIn);
        CircuitStateMachine<CircuitPermit> inMemory = new CircuitStateMachine<>(name, listeners, config, permits,
                health);
        this.backEnd = store == null ? inMemory
                : new SharedCircuit<>(name, config, store, inMemory, permits, health); // inMemory: its fallback
        this.waits = new OpenCircuitWait(name, backEnd, config.clock(), config.maxWait(),
                config.healthCheckInterval());
        backEnd.onChange(waits::signal);
    }

    public String name() {
        return name;
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    /** Adds a listener for this circuit only. */
    public void addListener(CircuitEventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CircuitEventListener listener) {
        listeners.remove(listener);
    }

    // ------------------------------------------------------------------ permission

    /**
     * A permit for one call, or {@code null} when the circuit refuses (OPEN before the next probe is due,
     * or HALF_OPEN with every probe slot taken). A refusal is counted and reported to listeners.
     */
    public CircuitPermit tryAcquirePermission() {
        return backEnd.tryAcquire();
    }

    /**
     * Like {@link #tryAcquirePermission()}, but a refusal throws {@link CircuitOpenException}, whose snapshot is
     * the circuit as it refused (not moved to HALF_OPEN even if the next probe fell due a moment later), so the
     * reason it gives is the reason of the refusal.
     */
    public CircuitPermit acquirePermission() {
        CircuitPermit permit = tryAcquirePermission();
        if (permit == null) {
            throw new CircuitOpenException(backEnd.snapshotAsIs());
        }
        return permit;
    }

    /**
     * A permit, waiting for it on the calling thread while the circuit refuses ({@code whenOpen = WAIT}): until
     * the probe is due and this caller may be it, the probe passed and the circuit closed, or the health check
     * found the dependency back. The wait is bounded by {@code maxWait} per opening of the circuit, shared by
     * every caller that waits on it; once that is spent the caller is refused at once, with a reason that
     * says the circuit was waited on, for how long and why the waiting gave up. A CLOSED circuit grants at once.
     * Waiters are woken by the circuit's transitions and look again at least once per
     * {@code healthCheckInterval}; the circuit's clock decides how time passes (see {@link Pauser}). A circuit
     * shared through a store waits the same way on what this JVM sees of it (kept current by the store's change
     * notifications); its {@code maxWait} budget is kept by each JVM.
     */
    public WaitOutcome awaitPermission() {
        return waits.await();
    }

    /**
     * Waits, as {@link #awaitPermission()} does but bounded by {@code deadlineMillis} of the circuit's clock instead
     * of {@code maxWait}, until the circuit would let a test through, and gives back the permit that showed it.
     * For a run replaying deferred tests ({@link Replay}); counts no refusal.
     *
     * @return true when the circuit lets tests through now (the next caller gets a permit, a probe when HALF_OPEN)
     */
    boolean awaitLettingThrough(long deadlineMillis) throws InterruptedException {
        CircuitPermit permit = waits.awaitUntil(deadlineMillis);
        if (permit == null) {
            return false;
        }
        permit.release();
        return true;
    }

    /** How many callers are in {@link #awaitPermission()} right now. */
    public int waitingCallers() {
        return waits.waiting();
    }

    /** What {@link #awaitPermission()} did since the circuit was created or reset (for a run's summary). */
    public WaitTotals waitTotals() {
        return waits.totals();
    }

    // ------------------------------------------------------------------ execution

    /**
     * Runs {@code call} if the circuit permits and records its outcome. A refused call throws
     * {@link CircuitOpenException}; an exception from {@code call} is recorded (if it counts) and rethrown
     * unchanged.
     */
    public <T> T execute(Callable<T> call) throws Exception {
        Objects.requireNonNull(call, "call");
        CircuitPermit permit = acquirePermission();
        T result;
        try {
            result = call.call();
        } catch (Throwable t) {
            permit.onFailure(t);
            throw t;
        }
        permit.onSuccess();
        return result;
    }

    /**
     * Starts the asynchronous call if the circuit permits and records its outcome when it completes. A
     * refused call gives a stage failed with {@link CircuitOpenException}; the returned stage completes with
     * the call's own result or exception.
     */
    public <T> CompletionStage<T> executeAsync(Supplier<? extends CompletionStage<T>> call) {
        Objects.requireNonNull(call, "call");
        CircuitPermit permit;
        try {
            permit = acquirePermission();
        } catch (CircuitOpenException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (Throwable t) {
            permit.onFailure(t);
            return CompletableFuture.failedFuture(t);
        }
        if (stage == null) {
            NullPointerException npe = new NullPointerException("executeAsync: the supplier returned null");
            permit.onFailure(npe);
            return CompletableFuture.failedFuture(npe);
        }
        return stage.whenComplete((value, error) -> {
            if (error == null) {
                permit.onSuccess();
            } else {
                permit.onFailure(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
    }

    // ------------------------------------------------------------------ recording

    /** Records a success observed outside a permit. In HALF_OPEN it counts as a successful probe. */
    public void recordSuccess() {
        backEnd.report(Reporter.DIRECT, 0, 0, true, null);
    }

    /** Records a counted failure observed outside a permit, with no exception at hand. */
    public void recordFailure() {
        recordFailure(null);
    }

    /**
     * Records a failure observed outside a permit. It counts unless {@code failure} is excluded by
     * {@code recordOn}/{@code ignoreOn}; {@code null} always counts. In HALF_OPEN a counted failure re-opens
     * the circuit; in OPEN it changes no timing.
     */
    public void recordFailure(Throwable failure) {
        backEnd.report(Reporter.DIRECT, 0, 0, false, failure);
    }

    /** Returns the circuit to a fresh CLOSED state and clears its counters, history and last failure. */
    public void reset() {
        backEnd.reset();
        waits.resetTotals();
    }

    // ------------------------------------------------------------------ observation

    /** The current state; an OPEN circuit whose probe is due is moved to HALF_OPEN first. */
    public CircuitState state() {
        return backEnd.state();
    }

    /** An immutable picture of the circuit now (moving OPEN to HALF_OPEN first when due). */
    public CircuitSnapshot snapshot() {
        return backEnd.snapshot();
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + backEnd.currentState() + "]";
    }
}
