package dev.tripswitch.bench.overhead;

import dev.tripswitch.CircuitProtected;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverheadBenchmarkTest {

    @AfterEach
    void defaultCount() {
        TrivialSuites.count(5000);
    }

    @Test
    void junitArms_runEveryTestAndOnlyTheProtectedArmUsesTheCircuit() {
        TrivialSuites.count(40);
        SuiteRunner runner = new JUnitSuiteRunner();
        assertThat(runner.run(true).verified("junit", 40).circuitSuccesses()).isEqualTo(40);
        assertThat(runner.run(false).verified("junit", 40).circuitSuccesses()).isEqualTo(-1);
    }

    @Test
    void testngArms_runEveryTestAndOnlyTheProtectedArmUsesTheCircuit() {
        TrivialSuites.count(40);
        SuiteRunner runner = new TestNGSuiteRunner();
        assertThat(runner.run(true).verified("testng", 40).circuitSuccesses()).isEqualTo(40);
        assertThat(runner.run(false).verified("testng", 40).circuitSuccesses()).isEqualTo(-1);
    }

    @Test
    void measure_alternatesTheArmsAndKeepsOnlyTheMeasuredRounds() {
        TrivialSuites.count(10);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        FrameworkResult r = OverheadBenchmark.measure(new JUnitSuiteRunner(), 10, 2, 1,
                new PrintStream(progress, true));
        assertThat(r.wall().protectedMs()).hasSize(2).allMatch(ms -> ms > 0);
        assertThat(r.wall().unprotectedMs()).hasSize(2).allMatch(ms -> ms > 0);
        assertThat(r.threadCpu().protectedMs()).hasSize(2).allMatch(ms -> ms > 0);
        assertThat(r.tests()).isEqualTo(10);
        assertThat(progress.toString()).contains("round 1 of 3 (warm-up)", "round 3 of 3");
    }

    @Test
    void perSuite_runsBothArmsWithOneTestInEveryRound_andTakesTheirCostOffThePerTestFigure() {
        TrivialSuites.count(10);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        SuiteRunner runner = new TestNGSuiteRunner();
        FrameworkResult r = OverheadBenchmark.measure(runner, 10, 3, 1, true, new PrintStream(progress, true));
        assertThat(TrivialSuites.count()).isEqualTo(10); // restored for what comes next
        assertThat(r.wall().protectedMs()).hasSize(3);
        assertThat(r.perSuite().runs()).isEqualTo(3);
        assertThat(r.perSuite().wall().protectedMs()).hasSize(3).allMatch(ms -> ms > 0);
        assertThat(r.perSuite().threadCpu().unprotectedMs()).hasSize(3).allMatch(ms -> ms > 0);
        assertThat(new OverheadReport("now", "abc", java.util.Map.of(), 3, 1, List.of(r)).markdown())
                .contains("Per suite run", "| " + runner.framework() + " | 3 | wall |");
        assertThat(OverheadBenchmark.measure(runner, 10, 1, 0, new PrintStream(progress, true)).perSuite()).isNull();
    }

    @Test
    void perTestBeyondTheSuite_isThePairedOverheadLessThatOfAOneTestRun() {
        // rounds: full-size differences 30, 50, 10 ms; one-test differences 10, 40, 5 ms
        FrameworkResult.Arms full = FrameworkResult.Arms.of(List.of(130.0, 150.0, 110.0), List.of(100.0, 100.0, 100.0),
                5000);
        FrameworkResult.Arms ofOne = FrameworkResult.Arms.of(List.of(12.0, 42.0, 7.0), List.of(2.0, 2.0, 2.0), 1);
        FrameworkResult r = FrameworkResult.of("f", 5000, full, full, 5.0).withPerSuite(ofOne, ofOne);
        // per round (20, 10, 5 ms left) ÷ 5,000 tests: 4, 2, 1 µs; median 2 µs
        assertThat(r.perSuite().wallBeyondMicros()).isEqualTo(2.0);
        assertThat(r.perSuite().threadCpuBeyondMicros()).isEqualTo(2.0);
        assertThat(r.perSuite().wall().pairedOverheadMicrosPerTest()).isEqualTo(10_000.0);
    }

    @Test
    void overhead_isTheDifferenceOfTheMediansPerTest_andThePairedFigureTheMedianOfTheRoundDifferences() {
        FrameworkResult.Arms a = FrameworkResult.Arms.of(List.of(110.0, 120.0, 130.0), List.of(100.0, 125.0, 90.0),
                5000);
        assertThat(a.medianProtectedMs()).isEqualTo(120.0);
        assertThat(a.medianUnprotectedMs()).isEqualTo(100.0);
        assertThat(a.overheadMicrosPerTest()).isEqualTo(4.0);       // 20 ms over 5,000 tests
        assertThat(a.pairedOverheadMicrosPerTest()).isEqualTo(2.0); // differences 10, -5, 40: median 10 ms
        FrameworkResult.Arms slow = FrameworkResult.Arms.of(List.of(20.0), List.of(10.0), 1000); // 10 µs
        FrameworkResult r = FrameworkResult.of("f", 5000, a, slow, 5.0);
        assertThat(r.wallTargetMet()).isTrue();
        assertThat(r.cpuTargetMet()).isFalse();
        assertThatThrownBy(() -> FrameworkResult.Arms.of(List.of(1.0), List.of(), 10))
                .hasMessageContaining("same, non-zero number of runs");
    }

    @Test
    void aRunThatDidNotDoWhatItSays_isRefused() {
        assertThatThrownBy(() -> new Trial(true, 1, 1, 10, 0, -1).verified("junit", 10))
                .hasMessageContaining("protected arm's circuit recorded -1 successes, expected 10");
        assertThatThrownBy(() -> new Trial(false, 1, 1, 9, 1, -1).verified("junit", 10))
                .hasMessageContaining("expected 10 passed tests, saw 9 passed and 1 failed or skipped");
        assertThatThrownBy(() -> new Trial(false, 1, 1, 10, 0, 10).verified("junit", 10))
                .hasMessageContaining("unprotected arm created a circuit");
    }

    @Test
    void protectedAndUnprotectedClasses_differOnlyInCircuitProtected() {
        assertSameButTheAnnotation(TrivialSuites.ProtectedJUnit.class, TrivialSuites.UnprotectedJUnit.class);
        assertSameButTheAnnotation(TrivialSuites.ProtectedTestNG.class, TrivialSuites.UnprotectedTestNG.class);
    }

    private static void assertSameButTheAnnotation(Class<?> protectedClass, Class<?> unprotectedClass) {
        assertThat(protectedClass.getSuperclass()).isEqualTo(unprotectedClass.getSuperclass());
        for (Class<?> c : List.of(protectedClass, unprotectedClass)) {
            assertThat(c.getDeclaredMethods()).isEmpty();
            assertThat(c.getDeclaredFields()).isEmpty();
        }
        assertThat(Arrays.stream(protectedClass.getDeclaredAnnotations()).map(Annotation::annotationType))
                .containsExactly(CircuitProtected.class);
        assertThat(unprotectedClass.getDeclaredAnnotations()).isEmpty();
    }

    @Test
    void badFlags_exitWith2() {
        assertThat(OverheadBenchmark.execute("--runs=0")).isEqualTo(2);
        assertThat(OverheadBenchmark.execute("--framework=spock")).isEqualTo(2);
    }
}
