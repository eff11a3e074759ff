package dev.tripswitch.bench.cli;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageRunner;
import dev.tripswitch.bench.outage.OutageSuite;
import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.recovery.RecoveryCase;
import dev.tripswitch.bench.recovery.RecoveryRunner;
import dev.tripswitch.bench.report.OutageRun;
import dev.tripswitch.bench.report.RecoverySample;
import dev.tripswitch.samples.SampleApp;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The real run: every case in both arms against real browsers, then the outage suite's arms, with a progress bar. */
final class RealRun {

    private RealRun() {
    }

    /** Makes the outage suite and its runner once the run's sample shop is up. */
    interface OutageRunnerFactory {
        OutageParts make(SampleApp shop, OutageRunSize size) throws IOException;
    }

    /** The outage suite (closed after the run) and its runner. */
    record OutageParts(OutageSuite suite, OutageRunner runner) {
    }

    static Measurements measure(Profile p, OutageRunSize size, List<RecoveryCase> cases, List<OutageArm> outageArms,
                                boolean showProgress, OutageRunnerFactory outageRunner) throws IOException {
        List<RecoverySample> samples = new ArrayList<>();
        List<OutageRun> outage = new ArrayList<>();
        int total = cases.size() * 2 + size.runs() * outageArms.size();
        try (SampleApp app = SampleApp.start(); ProgressBar bar = progress(total, showProgress)) {
            RecoveryRunner runner = new RecoveryRunner(app.baseUri(), p.budget, Profile.PAGE_LOAD_TIMEOUT);
            for (RecoveryCase c : cases) {
                for (Arm arm : c.armOrder()) {
                    bar.setExtraMessage(c.type() + "/" + c.intensity() + " " + word(arm));
                    samples.add(runner.run(c, arm));
                    bar.step();
                }
            }
            if (!outageArms.isEmpty()) {
                OutageParts parts = outageRunner.make(app, size);
                try (OutageSuite suite = parts.suite()) {
                    for (int r = 1; r <= size.runs(); r++) {
                        for (OutageArm arm : OutageArm.order(r, outageArms)) {
                            bar.setExtraMessage("outage suite, " + arm.label());
                            outage.add(parts.runner().run(arm, r));
                            bar.step();
                        }
                    }
                }
            }
        }
        return new Measurements(samples, outage, null);
    }

    private static String word(Arm arm) {
        return arm == Arm.WITH_CIRCUIT_BREAKER ? "with" : "without";
    }

    private static ProgressBar progress(int total, boolean show) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("benchmark").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000);
        if (!show) {
            b.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
        }
        return b.build();
    }
}
