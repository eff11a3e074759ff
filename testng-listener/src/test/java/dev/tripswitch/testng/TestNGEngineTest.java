package dev.tripswitch.testng;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitPermit;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.WhenOpen;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * TestNG tests on the JUnit Platform through {@code org.junit.support:testng-engine}, as Surefire runs them when
 * a module has both frameworks. Discovery runs TestNG with {@code testng.mode.dryrun=true}: no test runs, so no
 * circuit may be touched.
 */
class TestNGEngineTest extends WithTestRegistry {

    private static LauncherDiscoveryRequest requestFor(Class<?> testClass) {
        return request().selectors(selectClass(testClass)).filters(includeEngines("testng")).build();
    }

    private CircuitBreaker openDryCircuit() {
        CircuitBreaker dry = registry.circuit(CircuitDefinition.builder("dry", "TestNGEngineTest")
                .failureThreshold(2).halfOpenAfter(Duration.ofMillis(500)).whenOpen(WhenOpen.SKIP).build());
        dry.recordFailure(new IOException("service down"));
        dry.recordFailure(new IOException("service down"));
        clock.advance(Duration.ofMillis(700)); // a probe is due
        return dry;
    }

    @Test
    void discoveringTestNGTests_takesNoPermitAndRecordsNothing() {
        CircuitBreaker dry = openDryCircuit();
        CircuitSnapshot before = dry.snapshot();

        var plan = LauncherFactory.create().discover(requestFor(DryFixture.class));

        assertThat(plan.countTestIdentifiers(TestIdentifier::isTest)).as("the tests were discovered").isEqualTo(3);
        CircuitSnapshot after = dry.snapshot();
        assertThat(after.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(after.totalSuccesses()).isEqualTo(before.totalSuccesses()).isZero();
        assertThat(after.totalFailures()).isEqualTo(before.totalFailures());
        assertThat(after.totalRejected()).isEqualTo(before.totalRejected()).isZero();
        CircuitPermit probe = dry.tryAcquirePermission();
        assertThat(probe).as("the probe slot is still free").isNotNull();
        assertThat(probe.isProbe()).isTrue();
        probe.release();
    }

    /**
     * What testng-engine 1.1.0 makes of a refused test: its ExecutionListener reports a TestNG SKIP as ABORTED
     * (with the throwable's message) whenever TestNG started the test, and TestNG starts it (onTestStart) before
     * any set-up method, so before Tripswitch can refuse it. Only a SKIP without a start and without a throwable
     * becomes SKIPPED, with the reason "&lt;unknown&gt;". So the circuit's reason is kept as the abort's reason;
     * Surefire counts an aborted test as skipped.
     */
    @Test
    void refusedTestUnderTheEngine_isAbortedWithTheCircuitsReason() {
        CircuitBreaker dry = openDryCircuit();
        CircuitPermit taken = dry.acquirePermission(); // the probe slot is taken: the tests are refused
        DryFixture.bodies.set(0); // static: a rerun in the same JVM counts from zero
        Map<String, TestExecutionResult> finished = new ConcurrentHashMap<>();

        LauncherFactory.create().execute(requestFor(DryFixture.class), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    finished.put(id.getDisplayName(), result);
                }
            }
        });
        taken.release();

        assertThat(finished).hasSize(3).allSatisfy((name, result) -> {
            assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(result.getThrowable()).get().asString().contains("circuit 'dry' is HALF_OPEN");
        });
        assertThat(DryFixture.bodies).hasValue(0);
    }

    /** A TestNG fixture: not run by Surefire (inner classes are excluded). */
    @dev.tripswitch.CircuitProtected(value = "dry", failureThreshold = 2, halfOpenAfter = "500ms",
            whenOpen = WhenOpen.SKIP) // what testng-engine reports for a refusal; a replay would wait on the test clock
    public static class DryFixture {
        static final AtomicInteger bodies = new AtomicInteger();

        @org.testng.annotations.Test
        public void one() {
            bodies.incrementAndGet();
        }

        @org.testng.annotations.Test
        public void two() {
            bodies.incrementAndGet();
        }

        @org.testng.annotations.Test
        public void three() {
            bodies.incrementAndGet();
        }
    }
}
