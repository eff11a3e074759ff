package dev.tripswitch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener SPI: every kind of event arrives, ServiceLoader finds listeners, a throwing one harms nothing. */
class ListenerContractTest {

    /** Listed in src/test/resources/META-INF/services/dev.tripswitch.CircuitEventListener. */
    public static final class RecordingServiceListener implements CircuitEventListener {
        static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStateTransition(CircuitBreaker circuit, CircuitSnapshot.Transition t) {
            EVENTS.add(circuit.name() + " " + t.from() + "->" + t.to());
        }
    }

    private final MutableClock clock = MutableClock.start();

    @Test
    void everyKindOfEvent_reachesAListener() {
        List<String> events = new ArrayList<>();
        CircuitBreaker cb = CircuitBreaker.of("api", CircuitBreakerConfig.custom().failureThreshold(1).clock(clock).build());
        cb.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker c, CircuitSnapshot.Transition t) {
                events.add("transition " + t.from() + "->" + t.to() + " (" + t.reason() + ")");
            }

            @Override
            public void onSuccess(CircuitBreaker c) {
                events.add("success");
            }

            @Override
            public void onFailure(CircuitBreaker c, Throwable failure, boolean counted) {
                events.add("failure " + failure.getClass().getSimpleName() + " counted=" + counted);
            }

            @Override
            public void onRejection(CircuitBreaker c) {
                events.add("rejection");
            }
        });
        cb.recordSuccess();
        cb.recordFailure(new AssertionError());
        cb.recordFailure(new IOException("refused"));
        cb.tryAcquirePermission();
        assertThat(events).containsExactly(
                "success",
                "failure AssertionError counted=false",
                "transition CLOSED->OPEN (1 consecutive failure, last: java.io.IOException: refused)",
                "failure IOException counted=true",
                "rejection");
    }

    @Test
    void aThrowingListener_neitherBreaksTheCircuitNorReachesTheCaller() throws Exception {
        CircuitBreaker cb = CircuitBreaker.of("api", CircuitBreakerConfig.custom().failureThreshold(2).clock(clock).build());
        List<String> later = new ArrayList<>();
        cb.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker c, CircuitSnapshot.Transition t) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onSuccess(CircuitBreaker c) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFailure(CircuitBreaker c, Throwable f, boolean counted) {
                throw new IllegalStateException("listener bug");
            }
        });
        cb.addListener(new CircuitEventListener() {
            @Override
            public void onStateTransition(CircuitBreaker c, CircuitSnapshot.Transition t) {
                later.add(t.to().name());
            }
        });
        assertThat(cb.execute(() -> "fine")).isEqualTo("fine");
        cb.recordFailure();
        cb.recordFailure();
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(later).as("listeners after the throwing one still hear").containsExactly("OPEN");
    }

    @Test
    void serviceLoaderListeners_areAttachedToEveryCircuit() {
        RecordingServiceListener.EVENTS.clear();
        CircuitBreakerRegistry r = CircuitBreakerRegistry.builder().clock(clock).withServiceListeners().build();
        CircuitBreaker cb = r.circuit(CircuitDefinition.builder("svc", "test").failureThreshold(1).build());
        cb.recordFailure();
        assertThat(RecordingServiceListener.EVENTS).containsExactly("svc CLOSED->OPEN");
    }
}
