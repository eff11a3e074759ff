package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.recovery.Arm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headline metrics of a run and the tolerances that decide whether a change against the previous run is a
 * regression ({@code --ci}).
 *
 * <p>Only the circuit breaker's own arm is gated: the baseline arm measures the machine as much as the code.
 * A time metric regresses when it grows by more than its relative tolerance <em>and</em> by more than its
 * absolute floor (short times on a shared machine jump by large fractions); a rate when it falls by more than
 * its absolute tolerance; a count when it grows by more than its absolute tolerance.
 */
public final class Regression {

    /** How a metric may move before it counts as a regression. */
    public record Tolerance(boolean lowerIsBetter, double relative, double absolute) {

        boolean regressed(double previous, double current) {
            double worse = lowerIsBetter ? current - previous : previous - current;
            if (worse <= absolute) {
                return false;
            }
            return relative <= 0 || previous == 0 || worse > Math.abs(previous) * relative;
        }

        String describe() {
            String dir = lowerIsBetter ? "increase" : "decrease";
            return relative > 0
                    ? String.format(java.util.Locale.ROOT, "%s > %.0f%% and > %s", dir, relative * 100, fmt(absolute))
                    : String.format(java.util.Locale.ROOT, "%s > %s", dir, fmt(absolute));
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /** The gated metrics and their tolerances. */
    public static final Map<String, Tolerance> TOLERANCES = tolerances();

    private static Map<String, Tolerance> tolerances() {
        Map<String, Tolerance> t = new LinkedHashMap<>();
        t.put("recovery.with.mean_ms", new Tolerance(true, 0.25, 500));
        t.put("recovery.with.median_ms", new Tolerance(true, 0.25, 500));
        t.put("recovery.with.success_rate", new Tolerance(false, 0, 0.10));
        // two quick runs of the same code differed by 41 % (+587 ms) here: CPU time follows the machine's load
        t.put("recovery.with.total_cpu_ms", new Tolerance(true, 0.50, 1000));
        t.put("recovery.with.browser_launches", new Tolerance(true, 0, 0.5));
        t.put("outage.with.wall_ms", new Tolerance(true, 0.25, 2000));
        t.put("outage.with.doomed_ms", new Tolerance(true, 0.30, 1000));
        t.put("outage.with.failed", new Tolerance(true, 0, 2));
        return java.util.Collections.unmodifiableMap(t);
    }

    private Regression() {
    }

    static Map<String, Double> headlineMetrics(Map<String, Summary.ArmSummary> recovery,
                                               Map<String, Summary.OutageSummary> outage) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Arm arm : Arm.values()) {
            String a = arm == Arm.WITH_CIRCUIT_BREAKER ? "with" : "without";
            Summary.ArmSummary s = recovery.get(arm.name());
            if (s != null) {
                m.put("recovery." + a + ".mean_ms", s.recoveryMs().mean());
                m.put("recovery." + a + ".median_ms", s.recoveryMs().median());
                m.put("recovery." + a + ".success_rate", s.successRate());
                m.put("recovery." + a + ".total_cpu_ms", s.totalCpuMs().mean());
                m.put("recovery." + a + ".browser_launches", s.browserLaunches().mean());
                m.put("recovery." + a + ".peak_browser_rss_mb", s.peakBrowserRssMb().mean());
            }
        }
        for (OutageArm arm : OutageArm.values()) {
            Summary.OutageSummary o = outage.get(arm.name());
            if (o != null) {
                String a = arm.metricKey();
                m.put("outage." + a + ".wall_ms", o.wallMs().mean());
                m.put("outage." + a + ".doomed_ms", o.doomedMs().mean());
                m.put("outage." + a + ".failed", o.failed().mean());
                m.put("outage." + a + ".skipped", o.skipped().mean());
                m.put("outage." + a + ".passed", o.passed().mean());
            }
        }
        return m;
    }

    /** This run's metrics against the previous run's: every shared metric, gated ones marked. */
    public static Summary.Comparison compare(BenchmarkReport previous, String previousDir, Map<String, Double> current) {
        Map<String, Double> before = previous.summary().metrics();
        List<Summary.Comparison.Row> rows = new ArrayList<>();
        List<String> regressions = new ArrayList<>();
        for (Map.Entry<String, Double> e : current.entrySet()) {
            Double p = before.get(e.getKey());
            if (p == null || p.isNaN() || e.getValue().isNaN()) {
                continue;
            }
            Tolerance t = TOLERANCES.get(e.getKey());
            boolean regressed = t != null && t.regressed(p, e.getValue());
            if (regressed) {
                regressions.add(e.getKey());
            }
            rows.add(new Summary.Comparison.Row(e.getKey(), p, e.getValue(), e.getValue() - p,
                    t == null ? "not gated" : t.describe(), regressed));
        }
        return new Summary.Comparison(previousDir, previous.createdAt(), rows, regressions);
    }
}
