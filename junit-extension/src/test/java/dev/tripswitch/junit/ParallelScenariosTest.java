package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** 280 tests on four worker threads: every test accounted for, and the circuits' totals agree with JUnit's. */
class ParallelScenariosTest extends Fixtures {

    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

    @Test
    void twoHundredEightyConcurrentTests_countsAddUpExactly() {
        // 'race' is open and its probe is due when the run starts: exactly one of its 40 tests may probe
        CircuitBreaker race = registry.circuit(CircuitDefinition.builder("race", "the scenario")
                .failureThreshold(1).build());
        race.recordFailure(new IllegalStateException("down before the run"));
        clock.advance(Duration.ofSeconds(30));
        ConcurrentFixture.reset(); // a rerun in the same JVM starts from a fresh latch and flag

        EngineExecutionResults results = run(PARALLEL, ConcurrentFixture.class);

        assertTrue(ConcurrentFixture.overlapped.get(), "tests must really run at the same time");
        assertThat(ConcurrentFixture.threads).hasSizeGreaterThan(1);

        Events tests = results.testEvents();
        assertEquals(280, tests.started().count() + tests.skipped().count(), "every test is reported once");
        assertEquals(tests.started().count(), tests.finished().count());
        assertEquals(0, tests.aborted().count());

        // 'down': every test fails with a counted failure; the circuit opens after 5, the rest is skipped
        long downFailed = count(tests.failed(), "alwaysDown");
        long downSkipped = count(tests.skipped(), "alwaysDown");
        assertEquals(120, downFailed + downSkipped);
        assertThat(downFailed).isGreaterThanOrEqualTo(5);
        assertThat(downSkipped).isGreaterThan(0);
        CircuitSnapshot down = circuit("down").snapshot();
        assertEquals(CircuitState.OPEN, down.state());
        assertEquals(downFailed, down.totalFailures(), "each failed test recorded exactly one failure");
        assertEquals(downSkipped, down.totalRejected(), "each skipped test was refused exactly once");
        assertEquals(1, down.timesOpened());

        // 'flaky': assertion failures never count, so nothing is skipped
        assertEquals(80, count(tests.succeeded(), "sometimesWrong"));
        assertEquals(40, count(tests.failed(), "sometimesWrong"));
        assertEquals(0, count(tests.skipped(), "sometimesWrong"));
        CircuitSnapshot flaky = circuit("flaky").snapshot();
        assertEquals(CircuitState.CLOSED, flaky.state());
        assertEquals(80, flaky.totalSuccesses());
        assertEquals(40, flaky.totalIgnored());

        // 'race': one probe, it fails, everything else is refused
        assertEquals(1, count(tests.failed(), "probeRace"));
        assertEquals(39, count(tests.skipped(), "probeRace"));
        assertEquals(0, count(tests.succeeded(), "probeRace"));
        CircuitSnapshot raced = race.snapshot();
        assertEquals(CircuitState.OPEN, raced.state());
        assertEquals(39, raced.totalRejected());
        assertEquals(Duration.ofSeconds(60), raced.currentWait());

        assertEquals(280, count(tests.succeeded(), "") + count(tests.failed(), "") + count(tests.skipped(), ""));
    }

    private static long count(Events events, String method) {
        return events.stream().map(Event::getTestDescriptor)
                .filter(d -> d.getUniqueId().toString().contains("[test-template:" + method)).count();
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentFixture {
        static volatile CountDownLatch twoAtOnce;
        static final AtomicBoolean overlapped = new AtomicBoolean();
        static final Set<String> threads = ConcurrentHashMap.newKeySet();

        static void reset() {
            twoAtOnce = new CountDownLatch(2);
            overlapped.set(false);
            threads.clear();
        }

        @RepeatedTest(120)
        @Execution(ExecutionMode.CONCURRENT)
        @CircuitProtected(value = "down", failureThreshold = 5)
        void alwaysDown() {
            threads.add(Thread.currentThread().getName());
            throw new IllegalStateException("service unavailable");
        }

        @RepeatedTest(120)
        @Execution(ExecutionMode.CONCURRENT)
        @CircuitProtected(value = "flaky", failureThreshold = 5)
        void sometimesWrong(RepetitionInfo info) throws InterruptedException {
            threads.add(Thread.currentThread().getName());
            if (info.getCurrentRepetition() <= 2) {
                // the first two repetitions wait for each other: only possible if they run at the same time
                CountDownLatch latch = twoAtOnce;
                latch.countDown();
                if (latch.await(60, TimeUnit.SECONDS)) { // a ceiling, never reached when they overlap
                    overlapped.set(true);
                }
            }
            if (info.getCurrentRepetition() % 3 == 0) {
                fail("wrong total on the page");
            }
        }

        @RepeatedTest(40)
        @Execution(ExecutionMode.CONCURRENT)
        @CircuitProtected(value = "race", failureThreshold = 1)
        void probeRace() {
            throw new IllegalStateException("still down");
        }
    }
}
