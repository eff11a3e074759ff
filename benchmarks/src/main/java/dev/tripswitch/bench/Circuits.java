package dev.tripswitch.bench;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One circuit per library and state, shared by every benchmark thread (a test suite shares its circuit too).
 *
 * <p>All three are configured to trip on the same condition: {@value #FAILURE_THRESHOLD} consecutive
 * failures while closed, one probe and one successful probe to close again, and an open wait far longer than
 * any trial, so an OPEN circuit stays OPEN for the whole measurement. Resilience4j has no consecutive-failure
 * mode; a count-based window of {@value #FAILURE_THRESHOLD} calls, at least {@value #FAILURE_THRESHOLD} calls
 * and a 100 % failure-rate threshold open it on exactly the same sequences.
 */
@State(Scope.Benchmark)
public class Circuits {

    static final int FAILURE_THRESHOLD = 5;
    static final Duration OPEN_WAIT = Duration.ofMinutes(30);

    /** The trivial "work" each permitted call hands to the Blackhole. */
    public int payload = 42;

    public dev.tripswitch.CircuitBreaker tripswitchClosed;
    public dev.tripswitch.CircuitBreaker tripswitchOpen;
    public io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jClosed;
    public io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jOpen;
    public dev.failsafe.CircuitBreaker<Object> failsafeClosed;
    public dev.failsafe.CircuitBreaker<Object> failsafeOpen;

    @Setup(Level.Trial)
    public void setUp() {
        tripswitchClosed = tripswitch("closed");
        tripswitchOpen = tripswitch("open");
        resilience4jClosed = resilience4j("closed");
        resilience4jOpen = resilience4j("open");
        failsafeClosed = failsafe();
        failsafeOpen = failsafe();

        IOException failure = new IOException("dependency down");
        for (int i = 0; i < FAILURE_THRESHOLD; i++) {
            tripswitchOpen.recordFailure(failure);
            resilience4jOpen.onError(0, TimeUnit.NANOSECONDS, failure);
            failsafeOpen.recordFailure();
        }
        checkStates();
    }

    /** A benchmark that ended with a circuit in the wrong state measured the wrong path: fail loudly. */
    @TearDown(Level.Trial)
    public void checkStates() {
        expect(tripswitchClosed.state() == dev.tripswitch.CircuitState.CLOSED, "Tripswitch closed", tripswitchClosed.state());
        expect(tripswitchOpen.state() == dev.tripswitch.CircuitState.OPEN, "Tripswitch open", tripswitchOpen.state());
        expect(resilience4jClosed.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED,
                "Resilience4j closed", resilience4jClosed.getState());
        expect(resilience4jOpen.getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN,
                "Resilience4j open", resilience4jOpen.getState());
        expect(failsafeClosed.getState() == dev.failsafe.CircuitBreaker.State.CLOSED, "Failsafe closed", failsafeClosed.getState());
        expect(failsafeOpen.getState() == dev.failsafe.CircuitBreaker.State.OPEN, "Failsafe open", failsafeOpen.getState());
    }

    private static void expect(boolean ok, String circuit, Object actual) {
        if (!ok) {
            throw new IllegalStateException(circuit + " circuit is in state " + actual);
        }
    }

    static dev.tripswitch.CircuitBreaker tripswitch(String name) {
        return dev.tripswitch.CircuitBreaker.of("bench-" + name, dev.tripswitch.CircuitBreakerConfig.custom()
                .failureThreshold(FAILURE_THRESHOLD)
                .halfOpenAfter(OPEN_WAIT)
                .recoveryTimeout(OPEN_WAIT)
                .permittedProbes(1)
                .successThreshold(1)
                .build());
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j(String name) {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of("bench-" + name,
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .slidingWindowType(SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(FAILURE_THRESHOLD)
                        .minimumNumberOfCalls(FAILURE_THRESHOLD)
                        .failureRateThreshold(100f)
                        .waitDurationInOpenState(OPEN_WAIT)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
    }

    static dev.failsafe.CircuitBreaker<Object> failsafe() {
        return dev.failsafe.CircuitBreaker.builder()
                .withFailureThreshold(FAILURE_THRESHOLD)
                .withSuccessThreshold(1)
                .withDelay(OPEN_WAIT)
                .build();
    }
}
