package dev.tripswitch.bench.sim;

import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.recovery.RecoveryRunner;
import dev.tripswitch.bench.report.BenchmarkReport;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Per-step costs and outcomes taken from a real run's raw samples, which the simulation draws from.
 *
 * <p>Keys are {@code failureType/intensity}. For each key: the first attempt's cost and whether it worked; per
 * recovery step its costs and how often it worked; for the baseline the moment the failure stopped hurting
 * (when its retry loop first succeeded; never, if it did not within the budget) and the cost of a failing
 * retry; restart costs. Missing keys fall back to the pooled values of every key.
 */
public final class StepCosts {

    /** Samples of one quantity; draws one at random. */
    static final class Pool {
        final List<Double> values = new ArrayList<>();

        double draw(Random r, double fallback) {
            return values.isEmpty() ? fallback : values.get(r.nextInt(values.size()));
        }
    }

    /** Successes out of tries. */
    static final class Odds {
        int ok;
        int tries;

        boolean draw(Random r, double fallback) {
            double p = tries == 0 ? fallback : (double) ok / tries;
            return r.nextDouble() < p;
        }

        double p(double fallback) {
            return tries == 0 ? fallback : (double) ok / tries;
        }
    }

    final Map<String, Pool> stepCost = new HashMap<>();        // key|STEP → ms, and *|STEP pooled
    final Map<String, Odds> stepOdds = new HashMap<>();
    final Map<String, Pool> healAt = new HashMap<>();          // key → ms, +inf if never healed in budget
    final Map<String, Pool> failedRetryCost = new HashMap<>(); // key → ms
    final Map<String, Pool> okOperationCost = new HashMap<>(); // key (or *) → ms of an operation that worked
    final Map<String, Pool> chainOverhead = new HashMap<>(); // key → ms spent by the chain outside its steps
    final Pool restartCost = new Pool();
    final Odds restartOdds = new Odds();
    double jvmCpuPerMs;
    double browserCpuPerMs;
    double rssMb;
    final Pool passCost = new Pool();
    final Pool failCost = new Pool();
    final Pool skipCost = new Pool();
    final String source;

    private StepCosts(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    public static StepCosts from(BenchmarkReport real, String where) {
        StepCosts c = new StepCosts("measured in the real run " + where + " (" + real.createdAt() + ", "
                + real.config().profile() + ")");
        double cpuJ = 0;
        double cpuB = 0;
        double elapsed = 0;
        double rss = 0;
        int n = 0;
        for (RecoverySample s : real.recovery()) {
            if (RecoveryRunner.SETUP_FAILED.equals(s.succeededAt())) {
                continue;
            }
            String key = s.failureType() + "/" + s.intensity();
            cpuJ += s.jvmCpuMs();
            cpuB += s.browserCpuMs();
            elapsed += s.elapsedMs();
            rss += s.peakBrowserRssMb();
            n++;
            boolean with = s.arm().equals(Arm.WITH_CIRCUIT_BREAKER.name());
            double t = 0;
            for (RecoverySample.Step st : s.steps()) {
                t += st.ms();
                if (st.ok() && (st.step().equals("ATTEMPT") || st.step().equals("RETRY"))) {
                    c.okOperationCost.computeIfAbsent(key, k -> new Pool()).values.add(st.ms());
                    c.okOperationCost.computeIfAbsent("*", k -> new Pool()).values.add(st.ms());
                }
                switch (st.step()) {
                    case "ATTEMPT", "RETRY" -> {
                        if (with || st.step().equals("ATTEMPT")) {
                            c.add(key, st.step(), st.ms(), st.ok());
                        }
                        if (!with && !st.ok()) {
                            c.failedRetryCost.computeIfAbsent(key, k -> new Pool()).values.add(st.ms());
                        }
                    }
                    case "RESTART" -> {
                        c.restartCost.values.add(st.ms());
                        c.restartOdds.tries++;
                        c.restartOdds.ok += st.ok() ? 1 : 0;
                    }
                    default -> c.add(key, st.step(), st.ms(), st.ok());
                }
            }
            if (with && s.steps().size() > 1) {
                // time the recovery spent outside its steps (e.g. reading the current URL from a blocked page)
                c.chainOverhead.computeIfAbsent(key, k -> new Pool()).values.add(Math.max(0, s.elapsedMs() - t));
            }
            if (!with) {
                Pool heal = c.healAt.computeIfAbsent(key, k -> new Pool());
                if ("FIRST_TRY".equals(s.succeededAt())) {
                    heal.values.add(0.0);
                } else if ("RETRY_LOOP".equals(s.succeededAt())) {
                    // it stopped hurting between the end of the last failed attempt and the start of the good one
                    heal.values.add(Math.max(0, s.elapsedMs() - lastStepMs(s) - 250));
                } else {
                    heal.values.add(Double.POSITIVE_INFINITY);
                }
            }
        }
        c.jvmCpuPerMs = elapsed == 0 ? 0 : cpuJ / elapsed;
        c.browserCpuPerMs = elapsed == 0 ? 0 : cpuB / elapsed;
        c.rssMb = n == 0 ? 0 : rss / n;
        for (OutageRun run : real.outage()) {
            for (OutageRun.TestResult t : run.results()) {
                switch (t.outcome()) {
                    case "PASSED" -> c.passCost.values.add(t.durationMs());
                    case "FAILED" -> c.failCost.values.add(t.durationMs());
                    default -> c.skipCost.values.add(t.durationMs());
                }
            }
        }
        return c;
    }

    private static double lastStepMs(RecoverySample s) {
        return s.steps().isEmpty() ? 0 : s.steps().get(s.steps().size() - 1).ms();
    }

    private void add(String key, String step, double ms, boolean ok) {
        for (String k : List.of(key + "|" + step, "*|" + step)) {
            stepCost.computeIfAbsent(k, x -> new Pool()).values.add(ms);
            Odds o = stepOdds.computeIfAbsent(k, x -> new Odds());
            o.tries++;
            o.ok += ok ? 1 : 0;
        }
    }

    Pool cost(String key, String step) {
        Pool p = stepCost.get(key + "|" + step);
        return p != null ? p : stepCost.getOrDefault("*|" + step, new Pool());
    }

    Odds odds(String key, String step) {
        Odds o = stepOdds.get(key + "|" + step);
        return o != null ? o : stepOdds.getOrDefault("*|" + step, new Odds());
    }
}
