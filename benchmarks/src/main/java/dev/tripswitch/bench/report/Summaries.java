package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.stats.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Computes a {@link Summary} from raw samples. */
public final class Summaries {

    private Summaries() {
    }

    /** The summaries of a run of the shop suite's transient outage (the setup of reports older than the field). */
    public static Summary of(List<RecoverySample> allRecovery, List<OutageRun> outage) {
        return of(allRecovery, outage, OutageSetup.shopTransient(), Double.NaN, Double.NaN);
    }

    /** The summaries of {@code config}'s run. */
    public static Summary of(List<RecoverySample> allRecovery, List<OutageRun> outage, RunConfig config) {
        return of(allRecovery, outage, config.outage(), config.outageDownAfterMs(), config.outageWindowMs());
    }

    /**
     * @param downAfterMs the dependency went down this long after the first test started (NaN: unknown)
     * @param windowMs    for this long (NaN: unknown)
     */
    public static Summary of(List<RecoverySample> allRecovery, List<OutageRun> outage, OutageSetup setup,
                             double downAfterMs, double windowMs) {
        // a run whose browser could not even be set up measured nothing about recovery; the case is left out of
        // both arms so that the arms still compare the same cases
        java.util.Set<Integer> unusable = new java.util.HashSet<>();
        for (RecoverySample s : allRecovery) {
            if (dev.tripswitch.bench.recovery.RecoveryRunner.SETUP_FAILED.equals(s.succeededAt())) {
                unusable.add(s.order());
            }
        }
        List<RecoverySample> recovery = allRecovery.stream().filter(s -> !unusable.contains(s.order())).toList();
        Map<String, Summary.ArmSummary> byArm = perArm(recovery);
        Map<String, Map<String, Map<String, Summary.ArmSummary>>> byCategory = new LinkedHashMap<>();
        byCategory.put("browser", breakdown(recovery, RecoverySample::browser));
        byCategory.put("failureType", breakdown(recovery, RecoverySample::failureType));
        byCategory.put("intensity", breakdown(recovery, RecoverySample::intensity));
        Map<String, Summary.OutageSummary> outageByArm = new LinkedHashMap<>();
        for (OutageArm arm : OutageArm.values()) {
            List<OutageRun> runs = outage.stream().filter(r -> r.arm().equals(arm.name())).toList();
            if (!runs.isEmpty()) {
                outageByArm.put(arm.name(), outageSummary(runs));
            }
        }
        List<Summary.Target> waitTargets = setup.outageScenario().returns()
                ? WaitTargets.of(outage, setup.failureThreshold(), setup.healthCheckIntervalMs()) : List.of();
        return new Summary(byArm, byCategory, outageByArm, Regression.headlineMetrics(byArm, outageByArm),
                waitTargets, null, ScenarioTargets.of(outage, setup, downAfterMs, windowMs));
    }

    static Map<String, Summary.ArmSummary> perArm(List<RecoverySample> samples) {
        Map<String, Summary.ArmSummary> out = new LinkedHashMap<>();
        for (Arm arm : Arm.values()) {
            List<RecoverySample> mine = samples.stream().filter(s -> s.arm().equals(arm.name())).toList();
            if (!mine.isEmpty()) {
                out.put(arm.name(), armSummary(mine));
            }
        }
        return out;
    }

    private static Map<String, Map<String, Summary.ArmSummary>> breakdown(List<RecoverySample> samples,
                                                                         Function<RecoverySample, String> key) {
        Map<String, List<RecoverySample>> groups = new TreeMap<>();
        for (RecoverySample s : samples) {
            groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
        }
        Map<String, Map<String, Summary.ArmSummary>> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, perArm(v)));
        return out;
    }

    public static Summary.ArmSummary armSummary(List<RecoverySample> s) {
        double ok = s.stream().filter(RecoverySample::recoveredWithinBudget).count();
        double eventually = s.stream().filter(RecoverySample::recoveredEventually).count();
        return new Summary.ArmSummary(s.size(), stats(s, RecoverySample::recoveryMs), ok / s.size(),
                eventually / s.size(), stats(s, RecoverySample::jvmCpuMs), stats(s, RecoverySample::browserCpuMs),
                stats(s, x -> x.jvmCpuMs() + x.browserCpuMs()), stats(s, RecoverySample::browserLaunches),
                stats(s, RecoverySample::peakBrowserRssMb));
    }

    static Summary.OutageSummary outageSummary(List<OutageRun> runs) {
        List<Double> resume = new ArrayList<>();
        for (OutageRun r : runs) {
            if (r.resumeMs() != null) {
                resume.add(r.resumeMs());
            }
        }
        return new Summary.OutageSummary(runs.size(), runs.get(0).tests(), stats(runs, OutageRun::wallMs),
                stats(runs, OutageRun::doomedMs), stats(runs, OutageRun::failed), stats(runs, OutageRun::skipped),
                stats(runs, OutageRun::passed), stats(runs, OutageRun::skippedAfterReturn), Stats.of(resume), resume.size(), stats(runs, OutageRun::browserLaunches),
                stats(runs, r -> r.jvmCpuMs() + r.browserCpuMs()), stats(runs, Summaries::timesOpened));
    }

    /** How often a run's circuit went from CLOSED to OPEN. */
    static int timesOpened(OutageRun r) {
        return (int) r.circuitEvents().stream().filter(e -> "CLOSED".equals(e.from()) && "OPEN".equals(e.to())).count();
    }

    private static <T> Stats stats(List<T> items, ToDoubleFunction<T> f) {
        List<Double> values = new ArrayList<>(items.size());
        for (T t : items) {
            values.add(f.applyAsDouble(t));
        }
        return Stats.of(values);
    }
}
