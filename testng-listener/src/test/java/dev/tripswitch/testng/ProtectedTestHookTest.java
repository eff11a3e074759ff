package dev.tripswitch.testng;

import dev.tripswitch.MutableClock;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testng.ITestResult;
import org.testng.annotations.BeforeMethod;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/** The extension point failure injection will use: called after set-up, before the body, and after the outcome. */
class ProtectedTestHookTest {

    static final Queue<String> ran = new ConcurrentLinkedQueue<>();

    private CircuitBreakerRegistry registry;
    private CircuitBreakerRegistry.GlobalOverride override;

    @BeforeEach
    void setUp() {
        ran.clear();
        registry = CircuitBreakerRegistry.builder().clock(new MutableClock()).build();
        override = CircuitBreakerRegistry.replaceGlobal(registry);
    }

    @AfterEach
    void tearDown() {
        override.close();
    }

    @CircuitProtected(value = "injected", failureThreshold = 2)
    public static class Injected {
        @BeforeMethod
        public void startBrowser() {
            ran.add("startBrowser");
        }

        @org.testng.annotations.Test(priority = 1)
        public void one() {
            ran.add("one");
        }

        @org.testng.annotations.Test(priority = 2)
        public void two() {
            ran.add("two");
        }

        @org.testng.annotations.Test(priority = 3)
        public void three() {
            ran.add("three");
        }
    }

    /** Injects a failure into the second test only, the way a crash injection would break the session. */
    private static final class CrashSecondTest implements ProtectedTestHook {
        @Override
        public void beforeBody(ITestResult result, CircuitPermit permit) {
            String name = result.getMethod().getMethodName();
            ran.add("hook before " + name + " (granted in " + permit.grantedIn() + ")");
            if (name.equals("two")) {
                throw new IllegalStateException("injected: tab crashed");
            }
        }

        @Override
        public void afterOutcome(ITestResult result, CircuitPermit permit) {
            ran.add("hook after " + result.getMethod().getMethodName());
        }
    }

    @Test
    void hookRunsAfterSetUpAndBeforeTheBody_anExceptionFromItFailsTheTestAndCounts() {
        Queue<String> printed = new ConcurrentLinkedQueue<>();
        CircuitGate gate = new CircuitGate(List.of(new CrashSecondTest()), printed::add);

        FixtureRun run = FixtureRun.run(s -> { }, tng -> {
            // this test's own listener instance replaces the one the service loader would add
            tng.setListenersToSkipFromBeingWiredInViaServiceLoaders(CircuitBreakerListener.class.getName());
            tng.addListener(new CircuitBreakerListener(gate));
        }, Injected.class);

        assertThat(run.statuses()).containsExactly("one SUCCESS", "two FAILURE", "three SUCCESS");
        assertThat(run.outcomes.get(1).reason()).isEqualTo("injected: tab crashed");
        assertThat(ran).containsExactly(
                "startBrowser", "hook before one (granted in CLOSED)", "one", "hook after one",
                "startBrowser", "hook before two (granted in CLOSED)", "hook after two",
                "startBrowser", "hook before three (granted in CLOSED)", "three", "hook after three");
        CircuitSnapshot s = registry.find("injected").orElseThrow().snapshot();
        assertThat(s.totalFailures()).isEqualTo(1);
        assertThat(s.totalSuccesses()).isEqualTo(2);
        assertThat(printed).singleElement().asString().startsWith("Tripswitch: circuit 'injected' opened 0 times");
    }

    @Test
    void failingAfterOutcomeHook_isLoggedAndTheOutcomeStands() {
        ProtectedTestHook throwing = new ProtectedTestHook() {
            @Override
            public void beforeBody(ITestResult result, CircuitPermit permit) {
            }

            @Override
            public void afterOutcome(ITestResult result, CircuitPermit permit) {
                throw new IllegalStateException("could not undo the injection");
            }
        };
        CircuitGate gate = new CircuitGate(List.of(throwing), line -> { });

        FixtureRun run = FixtureRun.run(s -> { }, tng -> {
            tng.setListenersToSkipFromBeingWiredInViaServiceLoaders(CircuitBreakerListener.class.getName());
            tng.addListener(new CircuitBreakerListener(gate));
        }, Injected.class);

        assertThat(run.passed()).isEqualTo(3);
        assertThat(registry.find("injected").orElseThrow().snapshot().totalSuccesses()).isEqualTo(3);
    }

}
