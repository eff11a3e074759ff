package dev.tripswitch.bench.sim;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageRunner;
import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.recovery.RecoveryCase;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.browser.RecoveryStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A discrete-event simulation of both scenarios on a virtual clock ({@link EventQueue}), drawing every step's
 * cost and outcome from {@link StepCosts}. The same seed gives the same result.
 *
 * <p>Recovery, with the circuit breaker: the first attempt, then the chain from
 * {@link RecoveryStep#startFor} (two retries, reload, restart, restart with failure settings, fallback browser),
 * each step succeeding with the odds seen for that failure in the real run. Without: retries 250 ms apart, each
 * failing until the moment the failure stopped hurting in a real baseline run of that failure (drawn), until the
 * budget; then a restart. Outage: {@link OutageModel}.
 */
public final class Simulation {

    private static final double RETRY_PAUSE_MS = 250;
    private static final int RETRIES = 2;

    private final StepCosts costs;
    private final Random random;
    private final double budgetMs;

    public Simulation(StepCosts costs, long seed, double budgetMs) {
        this.costs = costs;
        this.random = new Random(seed);
        this.budgetMs = budgetMs;
    }

    public List<RecoverySample> recovery(List<RecoveryCase> cases) {
        List<RecoverySample> out = new ArrayList<>();
        for (RecoveryCase c : cases) {
            for (Arm arm : c.armOrder()) {
                out.add(arm == Arm.WITH_CIRCUIT_BREAKER ? withBreaker(c) : baseline(c));
            }
        }
        return out;
    }

    private RecoverySample withBreaker(RecoveryCase c) {
        String key = c.type() + "/" + c.intensity();
        EventQueue clock = new EventQueue();
        List<RecoverySample.Step> steps = new ArrayList<>();
        String[] how = {null};
        int[] launches = {0};
        List<String> chain = new ArrayList<>();
        chain.add("ATTEMPT");
        List<RecoveryStep> all = List.of(RecoveryStep.values());
        for (RecoveryStep s : all.subList(all.indexOf(RecoveryStep.startFor(c.type())), all.size())) {
            for (int i = 0; i < (s == RecoveryStep.RETRY ? RETRIES : 1); i++) {
                chain.add(s.name());
            }
        }
        runChain(clock, key, chain, 0, steps, how, launches);
        clock.run();
        return sample(c, Arm.WITH_CIRCUIT_BREAKER, clock.now(), how[0] != null, how[0] != null, how[0], steps,
                launches[0]);
    }

    private void runChain(EventQueue clock, String key, List<String> chain, int i, List<RecoverySample.Step> steps,
                          String[] how, int[] launches) {
        if (i >= chain.size()) {
            return;
        }
        String step = chain.get(i);
        double cost = costs.cost(key, step).draw(random, 1000);
        boolean ok = costs.odds(key, step).draw(random, 0.5);
        clock.after(cost, () -> {
            steps.add(new RecoverySample.Step(step, ok, cost, ok ? null : "simulated failure"));
            if (step.startsWith("RESTART") && ok) {
                launches[0]++;
            }
            if (ok) {
                how[0] = step.equals("ATTEMPT") ? "FIRST_TRY" : step;
            } else if (i == 0) {
                StepCosts.Pool overhead = costs.chainOverhead.get(key);
                double extra = overhead == null ? 0 : overhead.draw(random, 0);
                clock.after(extra, () -> runChain(clock, key, chain, 1, steps, how, launches));
            } else {
                runChain(clock, key, chain, i + 1, steps, how, launches);
            }
        });
    }

    private RecoverySample baseline(RecoveryCase c) {
        String key = c.type() + "/" + c.intensity();
        EventQueue clock = new EventQueue();
        List<RecoverySample.Step> steps = new ArrayList<>();
        StepCosts.Pool healPool = costs.healAt.get(key);
        double heal = healPool == null ? Double.POSITIVE_INFINITY : healPool.draw(random, Double.POSITIVE_INFINITY);
        StepCosts.Pool retryCost = costs.failedRetryCost.getOrDefault(key, new StepCosts.Pool());
        StepCosts.Pool okCost = costs.okOperationCost.getOrDefault(key,
                costs.okOperationCost.getOrDefault("*", new StepCosts.Pool()));
        String[] how = {null};
        boolean[] withinBudget = {false};
        int[] launches = {0};
        Runnable[] attempt = new Runnable[1];
        attempt[0] = () -> {
            double start = clock.now();
            boolean ok = start >= heal;
            double cost = ok ? okCost.draw(random, 500) : retryCost.draw(random, 500);
            String name = steps.isEmpty() ? "ATTEMPT" : "RETRY";
            clock.after(cost, () -> {
                steps.add(new RecoverySample.Step(name, ok, cost, ok ? null : "simulated failure"));
                if (ok) {
                    how[0] = name.equals("ATTEMPT") ? "FIRST_TRY" : "RETRY_LOOP";
                    withinBudget[0] = true;
                } else if (clock.now() + RETRY_PAUSE_MS < budgetMs) {
                    clock.after(RETRY_PAUSE_MS, attempt[0]);
                } else {
                    double restart = costs.restartCost.draw(random, 3000);
                    boolean restarted = costs.restartOdds.draw(random, 0.9);
                    clock.after(restart, () -> {
                        steps.add(new RecoverySample.Step("RESTART", restarted, restart,
                                restarted ? null : "simulated failure"));
                        launches[0]++;
                        how[0] = restarted ? "RESTART_AFTER_BUDGET" : null;
                    });
                }
            });
        };
        clock.at(0, attempt[0]);
        clock.run();
        return sample(c, Arm.WITHOUT_CIRCUIT_BREAKER, clock.now(), withinBudget[0], how[0] != null, how[0], steps,
                launches[0]);
    }

    private RecoverySample sample(RecoveryCase c, Arm arm, double elapsed, boolean ok, boolean eventually, String how,
                                  List<RecoverySample.Step> steps, int launches) {
        boolean within = ok && elapsed <= budgetMs;
        return new RecoverySample(c.order(), c.browser().displayName(), c.type().name(), c.intensity().name(),
                c.repetition(), arm.name(), true, true, 0, within ? elapsed : budgetMs, elapsed, within, eventually,
                how, steps, elapsed * costs.jvmCpuPerMs, elapsed * costs.browserCpuPerMs, launches, costs.rssMb,
                "simulated");
    }

    /**
     * One simulated run of the outage suite in one arm (see {@link OutageModel}).
     *
     * @throws IllegalArgumentException for an arm the simulation does not model (replay)
     */
    public OutageRun outage(OutageArm arm, int repetition, int tests, double downAfterMs, double windowMs) {
        return outage(arm, repetition, tests, downAfterMs, windowMs, OutageRunner.HEALTH_CHECK_INTERVAL.toMillis());
    }

    /** As above, with the health check asked at most once per {@code healthIntervalMs}. */
    public OutageRun outage(OutageArm arm, int repetition, int tests, double downAfterMs, double windowMs,
                            double healthIntervalMs) {
        if (!arm.simulated()) {
            throw new IllegalArgumentException(arm.label() + " is not simulated");
        }
        return new OutageModel(costs, random, arm, healthIntervalMs)
                .run(repetition, tests, downAfterMs, windowMs);
    }
}
