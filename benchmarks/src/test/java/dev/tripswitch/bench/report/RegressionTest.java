package dev.tripswitch.bench.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegressionTest {

    @Test
    void timeWithinTolerance_isNoRegression() {
        Regression.Tolerance t = Regression.TOLERANCES.get("recovery.with.mean_ms");
        assertThat(t.regressed(4000, 4900)).isFalse();   // +22.5 %
        assertThat(t.regressed(1000, 1400)).isFalse();   // +40 % but only 400 ms: below the floor
    }

    @Test
    void timeBeyondRelativeAndAbsoluteTolerance_isARegression() {
        Regression.Tolerance t = Regression.TOLERANCES.get("recovery.with.mean_ms");
        assertThat(t.regressed(4000, 5100)).isTrue();    // +27.5 % and +1100 ms
    }

    @Test
    void fasterIsNeverARegression() {
        assertThat(Regression.TOLERANCES.get("recovery.with.mean_ms").regressed(5000, 1000)).isFalse();
    }

    @Test
    void successRateDropOfMoreThanTenPoints_isARegression() {
        Regression.Tolerance t = Regression.TOLERANCES.get("recovery.with.success_rate");
        assertThat(t.regressed(0.90, 0.81)).isFalse();
        assertThat(t.regressed(0.90, 0.75)).isTrue();
        assertThat(t.regressed(0.50, 0.90)).isFalse();
    }

    @Test
    void compare_listsSharedMetricsAndGatesOnlyTheToleratedOnes() {
        Map<String, Double> before = new LinkedHashMap<>();
        before.put("recovery.with.mean_ms", 4000.0);
        before.put("recovery.without.mean_ms", 4000.0);
        before.put("outage.with.failed", 3.0);
        Map<String, Double> now = new LinkedHashMap<>();
        now.put("recovery.with.mean_ms", 9000.0);
        now.put("recovery.without.mean_ms", 9000.0);  // not gated: the baseline measures the machine
        now.put("outage.with.failed", 4.0);            // +1: within the absolute tolerance of 2
        now.put("only.now", 1.0);
        BenchmarkReport previous = report(before);
        Summary.Comparison c = Regression.compare(previous, "prev", now);
        assertThat(c.rows()).extracting(Summary.Comparison.Row::metric)
                .containsExactly("recovery.with.mean_ms", "recovery.without.mean_ms", "outage.with.failed");
        assertThat(c.regressions()).containsExactly("recovery.with.mean_ms");
    }

    static BenchmarkReport report(Map<String, Double> metrics) {
        RunConfig config = new RunConfig("quick", "real", 1, List.of(), List.of(), List.of(), List.of(), List.of(), 1,
                1000, 1000, 0, 0, 0, 0, "", null, List.of(), null);
        return new BenchmarkReport("t", false, "2026-11-26T00:00:00Z", null, Map.of(), config, List.of(), List.of(),
                new Summary(Map.of(), Map.of(), Map.of(), metrics, List.of(), null, List.of()));
    }
}
