package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageAnalysis;
import dev.tripswitch.bench.outage.OutageArm;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WaitTargetsTest {

    /** {@code n} tests of one outcome, one after another from {@code start}, {@code each} ms apiece. */
    static List<OutageRun.TestResult> tests(String outcome, int n, double start, double each) {
        List<OutageRun.TestResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new OutageRun.TestResult(i + 1, outcome, start + i * each, each, null));
        }
        return out;
    }

    static OutageRun run(OutageArm arm, double down, double up, List<List<OutageRun.TestResult>> parts) {
        List<OutageRun.TestResult> all = new ArrayList<>();
        parts.forEach(all::addAll);
        OutageRun.TestResult last = all.get(all.size() - 1);
        return OutageAnalysis.analyse(arm.name(), 1, all, last.endMs(), down, up, 0, 0, 1, 0, List.of());
    }

    static OutageRun reference() { // 98 passes of 400 ms: one test is 400 ms, wall 39.2 s
        return run(OutageArm.NO_OUTAGE, Double.NaN, Double.NaN, List.of(tests("PASSED", 98, 0, 400)));
    }

    static OutageRun without() { // 70 passed, 28 failed
        return run(OutageArm.WITHOUT_CIRCUIT_BREAKER, 4000, 12_000, List.of(tests("PASSED", 10, 0, 400),
                tests("FAILED", 28, 4000, 100), tests("PASSED", 60, 12_000, 400)));
    }

    /** 40 passes to 4 s, 3 failures, waiting until 12.8 s, then 55 passes of 400 ms: resumes 1.2 s after 12 s. */
    static OutageRun waiting(int failures, double resumeAt) {
        return run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 4000, 12_000, List.of(tests("PASSED", 40, 0, 100),
                tests("FAILED", failures, 4000, 100), tests("PASSED", 55, resumeAt, 400)));
    }

    @Test
    void everyTargetFromTheMedians_metWhenTheWaitArmKeepsTheBounds() {
        List<Summary.Target> t = WaitTargets.of(List.of(reference(), without(), waiting(3, 12_800)), 3, 1000);
        assertThat(t).extracting(Summary.Target::name).containsExactly("failures reported", "tests passed",
                "shop's return → first passing test", "wall time");
        assertThat(t).allMatch(Summary.Target::met);
        assertThat(t.get(0).value()).isEqualTo(3.0);
        assertThat(t.get(0).limit()).isEqualTo(3.0);
        assertThat(t.get(1).value()).isEqualTo(95.0);
        assertThat(t.get(1).limit()).isEqualTo(70.0);
        assertThat(t.get(1).atLeast()).isTrue();
        assertThat(t.get(2).value()).isEqualTo(1200.0);              // 12.8 s + 0.4 s − 12 s
        assertThat(t.get(2).limit()).isEqualTo(1000 + 400.0);        // interval + one test
        assertThat(t.get(3).value()).isEqualTo(12_800 + 55 * 400.0); // 34.8 s
        assertThat(t.get(3).limit()).isEqualTo(39_200 + 8000 + 1000 + 400.0);
        assertThat(t.get(3).limitFrom()).contains("no-outage wall 39.20 s", "shop down 8.00 s",
                "healthCheckInterval 1.00 s", "one test 0.40 s");
    }

    @Test
    void targetsMissed_tooManyFailures_lateResume_andARunThatNeverResumedCountsAsEndless() {
        // medians over two WAIT runs: failures 5 and 5; resume 1.2 s late-ish (2.0 s) and never
        OutageRun late = waiting(5, 13_600);
        OutageRun never = run(OutageArm.WITH_CIRCUIT_BREAKER_WAIT, 4000, 12_000,
                List.of(tests("PASSED", 40, 0, 100), tests("FAILED", 5, 4000, 100)));
        List<Summary.Target> one = WaitTargets.of(List.of(reference(), without(), late), 3, 1000);
        assertThat(one.get(0).met()).isFalse();
        assertThat(one.get(2).value()).isEqualTo(2000.0);
        assertThat(one.get(2).met()).isFalse();
        List<Summary.Target> two = WaitTargets.of(List.of(reference(), without(), late, never), 3, 1000);
        assertThat(two.get(2).value()).isNull();
        assertThat(two.get(2).met()).isFalse();
        assertThat(two.get(1).value()).isEqualTo((95 + 40) / 2.0);
    }

    @Test
    void targetsNeedingAnArmTheReportLacks_areLeftOut_andNoneWithoutTheWaitArm() {
        assertThat(WaitTargets.of(List.of(reference(), without()), 3, 1000)).isEmpty();
        List<Summary.Target> alone = WaitTargets.of(List.of(waiting(3, 12_800)), 3, 1000);
        assertThat(alone).extracting(Summary.Target::name)
                .containsExactly("failures reported", "shop's return → first passing test");
        // one test is then the WAIT arm's own median passed test: 100 ms (40 of them) vs 400 ms (55)
        assertThat(alone.get(1).limit()).isEqualTo(1000 + 400.0);
    }
}
