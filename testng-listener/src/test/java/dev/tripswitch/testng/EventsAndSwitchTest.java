package dev.tripswitch.testng;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.event.ProtectedTestListener;
import dev.tripswitch.internal.ProtectedTestEvents;
import dev.tripswitch.internal.Switches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.annotations.BeforeMethod;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reporting integrations hear through core's protected-test events, and the run-wide switch
 * {@code tripswitch.enabled=false} that runs protected tests without any circuit.
 */
class EventsAndSwitchTest {

    static final Queue<String> ran = new ConcurrentLinkedQueue<>();

    private final Queue<String> heard = new ConcurrentLinkedQueue<>();
    private final ProtectedTestListener recorder = new ProtectedTestListener() {
        @Override
        public void onTestAdmitted(TestIdentity test, CircuitSnapshot atStart, boolean probe) {
            heard.add("admitted " + test.methodName() + (probe ? " as probe" : ""));
        }

        @Override
        public void onTestRefused(TestIdentity test, CircuitSnapshot snapshot, String reason) {
            heard.add("refused " + test.methodName() + ": " + reason.substring(0, reason.indexOf(" since")));
        }

        @Override
        public void onTestFinished(TestIdentity test, Outcome outcome, Throwable failure, CircuitSnapshot after) {
            heard.add("finished " + test.methodName() + " " + outcome + (failure == null ? "" : " " + failure.getMessage()));
        }
    };

    private CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeEach
    void setUp() {
        ran.clear();
        registry = CircuitBreakerRegistry.builder().clock(new MutableClock()).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
        ProtectedTestEvents.global().add(recorder);
    }

    @AfterEach
    void tearDown() {
        ProtectedTestEvents.global().remove(recorder);
        override.close();
        System.clearProperty(Switches.ENABLED);
    }

    @CircuitProtected(value = "search", failureThreshold = 2)
    public static class SearchDown {
        @BeforeMethod
        public void setUp() {
            ran.add("setUp");
        }

        @org.testng.annotations.Test(priority = 1)
        public void first() throws IOException {
            ran.add("first");
            throw new IOException("search down");
        }

        @org.testng.annotations.Test(priority = 2)
        public void second() {
            ran.add("second");
            throw new AssertionError("wrong hits");
        }

        @org.testng.annotations.Test(priority = 3)
        public void third() throws IOException {
            ran.add("third");
            throw new IOException("search down");
        }

        @org.testng.annotations.Test(priority = 4)
        public void fourth() {
            ran.add("fourth");
        }
    }

    @Test
    void protectedTests_tellTheReportingListenersWhatHappenedToEachInvocation() {
        FixtureRun.of(SearchDown.class);

        assertThat(heard).containsExactly(
                "admitted first", "finished first FAILED_COUNTED search down",
                "admitted second", "finished second FAILED_NOT_COUNTED wrong hits",
                "admitted third", "finished third FAILED_COUNTED search down",
                "refused fourth: circuit 'search' is OPEN");
    }

    @Test
    void tripswitchEnabledFalse_protectedTestsRunWithoutAnyCircuit() {
        System.setProperty(Switches.ENABLED, "false");

        FixtureRun run = FixtureRun.of(SearchDown.class);

        assertThat(run.statuses()).containsExactly("first FAILURE", "second FAILURE", "third FAILURE",
                "fourth SUCCESS");
        assertThat(ran).containsExactly("setUp", "first", "setUp", "second", "setUp", "third", "setUp", "fourth");
        assertThat(registry.all()).isEmpty();
        assertThat(heard).isEmpty();
        assertThat(run.summary).isEqualTo(List.of());
    }
}
