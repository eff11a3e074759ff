package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageScenario;
import dev.tripswitch.bench.recovery.RecoveryCase;
import dev.tripswitch.bench.report.BenchmarkReport;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.ReportStore;
import dev.tripswitch.bench.sim.Simulation;
import dev.tripswitch.bench.sim.StepCosts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code --simulate}: the same cases and suite runs on a virtual clock, with costs from a real run. */
final class SimulatedRun {

    static final String MEASURED_DEFAULTS = "/dev/tripswitch/bench/sim/measured-defaults.json";

    private SimulatedRun() {
    }

    static Measurements measure(ReportStore store, Profile p, OutageRunSize size, List<RecoveryCase> cases,
                                long seed, List<OutageArm> outageArms, OutageScenario scenario,
                                java.time.Duration healthInterval)
            throws IOException {
        StepCosts costs = loadCosts(store);
        Simulation sim = new Simulation(costs, seed, p.budget.toMillis());
        List<OutageRun> outage = new ArrayList<>();
        for (int r = 1; r <= size.runs(); r++) {
            for (OutageArm arm : OutageArm.order(r, outageArms)) {
                long downAfter = scenario.downAtStart() ? 0 : size.downAfter().toMillis(); // 0: down before the first
                outage.add(sim.outage(arm, r, size.tests(), downAfter, size.window().toMillis(),
                        healthInterval.toMillis()));
            }
        }
        return new Measurements(sim.recovery(cases), outage, costs.source());
    }

    /** The latest real run's costs, or the measured defaults shipped with the module. */
    private static StepCosts loadCosts(ReportStore store) throws IOException {
        Optional<Path> real = store.latestReal();
        if (real.isPresent()) {
            return StepCosts.from(store.read(real.get()), real.get().toString());
        }
        try (InputStream in = SimulatedRun.class.getResourceAsStream(MEASURED_DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("no real run under " + store.root() + " and no measured defaults");
            }
            BenchmarkReport defaults = store.json().readValue(in, BenchmarkReport.class);
            return StepCosts.from(defaults, "shipped as the module's measured defaults (benchmarks/RESULTS.md)");
        }
    }
}
