package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitProtected;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Every kind of Jupiter test under the circuit: templates, factories, nested and inherited classes, @BeforeAll. */
class TestKindsScenariosTest extends Fixtures {

    static final String OPEN_AFTER_DOWN = "circuit 'kinds' is OPEN since 2026-01-01T00:00:00Z after 2 consecutive "
            + "failures; last failure: java.lang.IllegalStateException: down; next probe at 2026-01-01T00:00:30Z";

    @Test
    void parameterizedTest_eachInvocationAskedSeparately() {
        EngineExecutionResults results = run(Parameterized.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(3));
        results.testEvents().assertThatEvents().haveExactly(3, event(skippedWithReason(OPEN_AFTER_DOWN)));
    }

    @Test
    void repeatedTest_eachRepetitionAskedSeparately() {
        EngineExecutionResults results = run(Repeated.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(3));
        results.testEvents().assertThatEvents().haveExactly(3, event(skippedWithReason(OPEN_AFTER_DOWN)));
    }

    @Test
    void testFactory_dynamicTestsRefusedMidWayAreAborted() {
        EngineExecutionResults results = run(Factory.class);

        results.testEvents().assertStatistics(s -> s.started(5).failed(2).aborted(3).skipped(0));
        results.testEvents().assertThatEvents()
                .haveExactly(3, event(abortedWithReason(message(OPEN_AFTER_DOWN))));
        assertEquals(2, Factory.bodies.get());
        assertEquals(3, circuit("kinds").snapshot().totalRejected());
    }

    @Test
    void testFactoryWhileOpen_isSkippedWithTheReason() {
        run(Repeated.class);

        EngineExecutionResults results = run(Factory.class);

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container("dynamicTests"), skippedWithReason(OPEN_AFTER_DOWN)));
        results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void nestedClass_inheritsTheEnclosingClassCircuit() {
        EngineExecutionResults results = run(Outer.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(2));
        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("inner1"), skippedWithReason(OPEN_AFTER_DOWN)))
                .haveExactly(1, event(test("inner2"), skippedWithReason(OPEN_AFTER_DOWN)));
    }

    @Test
    void subclass_inheritsTheSuperclassCircuit() {
        EngineExecutionResults results = run(Inheriting.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2).skipped(1));
    }

    @Test
    void beforeAllFailure_countsOnceForTheClass() {
        EngineExecutionResults results = run(BeforeAllFails.class);

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(BeforeAllFails.class), finishedWithFailure(message("grid down"))));
        CircuitSnapshot s = circuit("kinds").snapshot();
        assertEquals(1, s.failureCount(), "three tests, one failing @BeforeAll: one failure");
        assertEquals(1, s.totalFailures());
    }

    @Test
    void beforeAllWhileOpen_isNotRunAndEveryTestIsSkipped() {
        run(Repeated.class); // opens 'kinds'
        BeforeAllFails.beforeAlls.set(0);
        BeforeAllFails.afterAlls.set(0);

        EngineExecutionResults results = run(BeforeAllFails.class);

        results.testEvents().assertStatistics(s -> s.started(0).skipped(3));
        results.testEvents().assertThatEvents().haveExactly(3, event(skippedWithReason(OPEN_AFTER_DOWN
                + "; @BeforeAll of BeforeAllFails was not run")));
        assertEquals(0, BeforeAllFails.beforeAlls.get());
        assertEquals(0, BeforeAllFails.afterAlls.get());
    }

    @Test
    void beforeAllOfOuterClassRefused_nestedTestsAreSkippedToo() {
        run(Repeated.class); // opens 'kinds'
        OuterWithBeforeAll.beforeAlls.set(0); // static: a rerun in the same JVM counts from zero

        EngineExecutionResults results = run(OuterWithBeforeAll.class);

        results.testEvents().assertStatistics(s -> s.started(0).skipped(2));
        results.testEvents().assertThatEvents().haveExactly(2, event(skippedWithReason(OPEN_AFTER_DOWN
                + "; @BeforeAll of OuterWithBeforeAll was not run")));
        assertEquals(0, OuterWithBeforeAll.beforeAlls.get());
    }

    @Test
    void circuitParameters_areResolvedWithTheTestsCircuit() {
        WithParameters.seen.clear(); // static: a rerun in the same JVM starts from an empty list
        EngineExecutionResults results = run(WithParameters.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertEquals(List.of("constructor:kinds", "beforeEach:kinds", "test:kinds CLOSED 0",
                "constructor:kinds", "beforeEach:kinds", "snapshot:kinds CLOSED"), WithParameters.seen);
    }

    // ------------------------------------------------------------------ fixtures

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class Parameterized {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5})
        void eachValue(int value) {
            throw new IllegalStateException("down");
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class Repeated {
        @RepeatedTest(5)
        void again() {
            throw new IllegalStateException("down");
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class Factory {
        static final AtomicInteger bodies = new AtomicInteger();

        @TestFactory
        Stream<DynamicTest> dynamicTests() {
            bodies.set(0);
            return IntStream.rangeClosed(1, 5).mapToObj(i -> DynamicTest.dynamicTest("page " + i, () -> {
                bodies.incrementAndGet();
                throw new IllegalStateException("down");
            }));
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class Outer {
        @Test void outer1() { throw new IllegalStateException("down"); }
        @Test void outer2() { throw new IllegalStateException("down"); }

        @Nested
        class Inner {
            @Test void inner1() { }
            @Test void inner2() { }
        }
    }

    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    abstract static class ProtectedBase {
    }

    @FixtureOnly
    static class Inheriting extends ProtectedBase {
        @Test void t1() { throw new IllegalStateException("down"); }
        @Test void t2() { throw new IllegalStateException("down"); }
        @Test void t3() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class BeforeAllFails {
        static final AtomicInteger beforeAlls = new AtomicInteger();
        static final AtomicInteger afterAlls = new AtomicInteger();

        @BeforeAll
        static void startBrowser() {
            beforeAlls.incrementAndGet();
            throw new IllegalStateException("grid down");
        }

        @AfterAll
        static void quitBrowser() {
            afterAlls.incrementAndGet();
        }

        @Test void t1() { }
        @Test void t2() { }
        @Test void t3() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class OuterWithBeforeAll {
        static final AtomicInteger beforeAlls = new AtomicInteger();

        @BeforeAll
        static void startBrowser() {
            beforeAlls.incrementAndGet();
        }

        @Test void outer() { }

        @Nested
        class Inner {
            @Test void inner() { }
        }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "kinds", failureThreshold = 2)
    static class WithParameters {
        static final List<String> seen = new CopyOnWriteArrayList<>();

        WithParameters(CircuitBreaker circuit) {
            seen.add("constructor:" + circuit.name());
        }

        @BeforeEach
        void setUp(CircuitBreaker circuit) {
            seen.add("beforeEach:" + circuit.name());
        }

        @Test
        void t1_circuit(CircuitBreaker circuit) {
            seen.add("test:" + circuit.name() + " " + circuit.state() + " " + circuit.snapshot().failureCount());
        }

        @Test
        void t2_snapshot(CircuitSnapshot snapshot) {
            seen.add("snapshot:" + snapshot.name() + " " + snapshot.state());
            assertEquals(CircuitState.CLOSED, snapshot.state());
        }
    }
}
