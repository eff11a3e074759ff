package dev.tripswitch.junit;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitProtected;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** Misuse gets a clear message on the affected tests, never silence. */
class MisuseScenariosTest extends Fixtures {

    private static final String PREFIX = "dev.tripswitch.junit.MisuseScenariosTest$";

    @Test
    void badThresholdOnClass_failsEveryTestNamingAttributeValueAndPlace() {
        BadThreshold.setUps.set(0); // static: a rerun in the same JVM counts from zero
        EngineExecutionResults results = run(BadThreshold.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(2));
        results.testEvents().assertThatEvents().haveExactly(2, event(finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message("@CircuitProtected(\"bad\") on class " + PREFIX + "BadThreshold: "
                        + "failureThreshold must be an integer of 1 or more, but was 0"))));
        assertEquals(0, BadThreshold.setUps.get(), "the set-up of a misconfigured test does not run");
    }

    @Test
    void badDurationOnMethod_failsThatTestOnly() {
        EngineExecutionResults results = run(BadDuration.class);

        results.testEvents().assertStatistics(s -> s.started(2).failed(1).succeeded(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("t1_bad"), finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message("@CircuitProtected(\"bad\") on method " + PREFIX + "BadDuration#t1_bad: halfOpenAfter "
                        + "must be a duration such as 500ms, 30s, 2m, 1h or ISO-8601 PT30S, but was 'soon'"))));
    }

    @Test
    void recoveryTimeoutShorterThanHalfOpenAfter_isRefused() {
        EngineExecutionResults results = run(TimeoutsInverted.class);

        results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message(m -> m.startsWith("@CircuitProtected(\"bad\") on class " + PREFIX + "TimeoutsInverted: "
                        + "recoveryTimeout must be at least halfOpenAfter")))));
    }

    @Test
    void blankCircuitName_isRefused() {
        EngineExecutionResults results = run(BlankName.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message("circuit name must be a non-blank string, but was ' ' (at class " + PREFIX + "BlankName)"))));
    }

    @Test
    void conflictingDefinitions_failTheLaterClassNamingBothPlaces() {
        EngineExecutionResults results = run(FirstDefinition.class, ConflictingDefinition.class);

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(test("conflicting"), finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message("circuit 'shared' has conflicting definitions: class " + PREFIX + "ConflictingDefinition "
                        + "sets failureThreshold=3 (in force: 2), but the circuit was first defined by class "
                        + PREFIX + "FirstDefinition"))));
    }

    @Test
    void conflictingDefinitionOnClassWithBeforeAll_failsEachTestNotTheClass() {
        EngineExecutionResults results = run(FirstDefinition.class, ConflictingWithBeforeAll.class);

        results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
        results.testEvents().assertThatEvents().haveExactly(2, event(finishedWithFailure(
                instanceOf(CircuitConfigurationException.class),
                message(m -> m.startsWith("circuit 'shared' has conflicting definitions: class " + PREFIX
                        + "ConflictingWithBeforeAll sets failureThreshold=4 (in force: 2)")))));
    }

    @Test
    void circuitParameterInUnprotectedTest_failsWithClearMessage() {
        EngineExecutionResults results = run(ParameterWithoutAnnotation.class);

        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message("Tripswitch: cannot resolve parameter [dev.tripswitch.CircuitBreaker circuit] in void "
                        + PREFIX + "ParameterWithoutAnnotation.wantsCircuit(dev.tripswitch.CircuitBreaker): only tests "
                        + "under @CircuitProtected get a CircuitBreaker; annotate the test method or its class with "
                        + "@CircuitProtected(\"<circuit name>\")"))));
    }

    // ------------------------------------------------------------------ fixtures

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "bad", failureThreshold = 0)
    static class BadThreshold {
        static final AtomicInteger setUps = new AtomicInteger();

        @BeforeEach
        void startBrowser() {
            setUps.incrementAndGet();
        }

        @Test void t1() { }
        @Test void t2() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class BadDuration {
        @Test @CircuitProtected(value = "bad", halfOpenAfter = "soon") void t1_bad() { }
        @Test void t2_unprotected() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "bad", halfOpenAfter = "2m", recoveryTimeout = "1m")
    static class TimeoutsInverted {
        @Test void t1() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(" ")
    static class BlankName {
        @Test void t1() { }
    }

    @FixtureOnly
    @Order(1)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shared", failureThreshold = 2)
    static class FirstDefinition {
        @Test void first() { }
    }

    @FixtureOnly
    @Order(2)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shared", failureThreshold = 3)
    static class ConflictingDefinition {
        @Test void conflicting() { }
    }

    @FixtureOnly
    @Order(2)
    @ExtendWith(CircuitBreakerExtension.class)
    @CircuitProtected(value = "shared", failureThreshold = 4)
    static class ConflictingWithBeforeAll {
        @BeforeAll
        static void startBrowser() {
        }

        @Test void t1() { }
        @Test void t2() { }
    }

    @FixtureOnly
    @ExtendWith(CircuitBreakerExtension.class)
    static class ParameterWithoutAnnotation {
        @Test void wantsCircuit(CircuitBreaker circuit) { }
    }
}
