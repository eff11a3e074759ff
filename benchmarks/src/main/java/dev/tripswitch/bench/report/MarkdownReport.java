package dev.tripswitch.bench.report;

import dev.tripswitch.bench.recovery.Arm;
import dev.tripswitch.bench.stats.Stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report as Markdown: headline tables, breakdowns, the outage part ({@link OutageMarkdown}), the comparison, every case. */
public final class MarkdownReport {

    private static final String W = Arm.WITH_CIRCUIT_BREAKER.name();
    private static final String WO = Arm.WITHOUT_CIRCUIT_BREAKER.name();

    private MarkdownReport() {
    }

    public static String render(BenchmarkReport r) {
        StringBuilder md = new StringBuilder();
        RunConfig c = r.config();
        md.append("# ").append(r.title()).append("\n\n");
        if (r.simulated()) {
            md.append("**Simulated**: a discrete-event simulation on a virtual clock; no browser was started. Per-step"
                    + " costs: ").append(c.costSource()).append(".\n\n");
        }
        md.append("| | |\n|---|---|\n");
        row(md, "date (UTC)", r.createdAt());
        row(md, "commit", r.commit() == null ? "unknown" : r.commit());
        row(md, "profile", c.profile() + " (" + c.mode() + ", seed " + c.seed() + ")");
        row(md, "browsers run", String.join(", ", c.browsersRun()));
        if (!c.unavailableBrowsers().isEmpty()) {
            row(md, "unavailable", String.join("; ", c.unavailableBrowsers()));
        }
        row(md, "recovery cases", c.failureTypes().size() + " failure types × " + c.intensities().size()
                + " intensities × " + c.repetitions() + " repetition(s) per browser, each in both arms; budget "
                + secs(c.budgetMs()) + ", page-load timeout " + secs(c.pageLoadTimeoutMs()));
        row(md, "outage suite", c.outageTests() + " tests × " + c.outageRepetitions() + " run(s) per arm; app down "
                + secs(c.outageDownAfterMs()) + " after the first test, for " + secs(c.outageWindowMs()) + "; circuit "
                + c.outageCircuit());
        r.machine().forEach((k, v) -> row(md, k, v));
        md.append('\n');

        Summary s = r.summary();
        List<String> unusable = r.recovery().stream()
                .filter(x -> dev.tripswitch.bench.recovery.RecoveryRunner.SETUP_FAILED.equals(x.succeededAt()))
                .map(x -> "#" + x.order() + " " + x.failureType() + "/" + x.intensity() + " (" + x.note() + ")")
                .distinct().toList();
        if (!unusable.isEmpty()) {
            md.append("Left out of both arms because a browser could not be set up for them (twice): ")
                    .append(String.join("; ", unusable)).append(".\n\n");
        }
        recovery(md, s);
        breakdowns(md, s);
        OutageMarkdown.render(md, r);
        comparison(md, s.comparison());
        cases(md, r.recovery());
        return md.toString();
    }

    private static void recovery(StringBuilder md, Summary s) {
        Summary.ArmSummary w = s.recovery().get(W);
        Summary.ArmSummary wo = s.recovery().get(WO);
        md.append("## Recovery: with vs without the circuit breaker\n\n");
        if (w == null || wo == null) {
            md.append("No recovery cases were run.\n\n");
            return;
        }
        md.append("Recovery time runs from the end of the injection to the first successful operation; a recovery"
                + " that did not succeed within the budget counts as the budget. Resource figures are per recovery."
                + " Improvement: how much lower (time, CPU, launches, memory) or higher (rates) the circuit"
                + " breaker's arm is.\n\n");
        md.append("| metric | with circuit breaker | without | improvement |\n|---|---:|---:|---:|\n");
        timeRow(md, "mean recovery time", w.recoveryMs().mean(), wo.recoveryMs().mean());
        timeRow(md, "median recovery time", w.recoveryMs().median(), wo.recoveryMs().median());
        timeRow(md, "min recovery time", w.recoveryMs().min(), wo.recoveryMs().min());
        timeRow(md, "max recovery time", w.recoveryMs().max(), wo.recoveryMs().max());
        timeRow(md, "p90 recovery time", w.recoveryMs().p90(), wo.recoveryMs().p90());
        rateRow(md, "success within budget", w.successRate(), wo.successRate(), w.cases(), wo.cases());
        rateRow(md, "recovered at all", w.eventualRate(), wo.eventualRate(), w.cases(), wo.cases());
        msRow(md, "JVM CPU time (mean)", w.jvmCpuMs().mean(), wo.jvmCpuMs().mean());
        msRow(md, "browser CPU time (mean)", w.browserCpuMs().mean(), wo.browserCpuMs().mean());
        msRow(md, "JVM + browser CPU time (mean)", w.totalCpuMs().mean(), wo.totalCpuMs().mean());
        md.append(String.format(Locale.ROOT, "| browser launches (mean) | %.2f | %.2f | %s |%n",
                w.browserLaunches().mean(), wo.browserLaunches().mean(),
                pct(Stats.reductionPercent(w.browserLaunches().mean(), wo.browserLaunches().mean()))));
        md.append(String.format(Locale.ROOT, "| peak browser RSS (mean) | %.0f MB | %.0f MB | %s |%n",
                w.peakBrowserRssMb().mean(), wo.peakBrowserRssMb().mean(),
                pct(Stats.reductionPercent(w.peakBrowserRssMb().mean(), wo.peakBrowserRssMb().mean()))));
        md.append('\n');
    }

    private static void breakdowns(StringBuilder md, Summary s) {
        for (Map.Entry<String, Map<String, Map<String, Summary.ArmSummary>>> dim : s.byCategory().entrySet()) {
            if (dim.getValue().isEmpty()) {
                continue;
            }
            md.append("### By ").append(switch (dim.getKey()) {
                case "failureType" -> "failure type";
                default -> dim.getKey();
            }).append("\n\n");
            md.append("| ").append(dim.getKey()).append(" | cases | mean time with | mean time without | time"
                    + " improvement | success with | success without | CPU with | CPU without |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<String, Map<String, Summary.ArmSummary>> cat : dim.getValue().entrySet()) {
                Summary.ArmSummary w = cat.getValue().get(W);
                Summary.ArmSummary wo = cat.getValue().get(WO);
                if (w == null || wo == null) {
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f%% | %.0f%% | %s | %s |%n",
                        cat.getKey(), w.cases(), secs(w.recoveryMs().mean()), secs(wo.recoveryMs().mean()),
                        pct(Stats.reductionPercent(w.recoveryMs().mean(), wo.recoveryMs().mean())),
                        w.successRate() * 100, wo.successRate() * 100, ms(w.totalCpuMs().mean()),
                        ms(wo.totalCpuMs().mean())));
            }
            md.append('\n');
        }
    }

    private static void comparison(StringBuilder md, Summary.Comparison cmp) {
        md.append("## Compared with the previous run\n\n");
        if (cmp == null) {
            md.append("No previous run of the same profile and mode was found (or no comparison was asked for).\n\n");
            return;
        }
        md.append("Previous run: `").append(cmp.previousDir()).append("` (").append(cmp.previousAt()).append(").\n\n");
        md.append("| metric | previous | this run | change | tolerance | regressed |\n|---|---:|---:|---:|---|---|\n");
        for (Summary.Comparison.Row row : cmp.rows()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", row.metric(), num(row.previous()),
                    num(row.current()), num(row.change()), row.tolerance(), row.regressed() ? "**yes**" : "no"));
        }
        md.append('\n').append(cmp.regressions().isEmpty() ? "No metric regressed beyond its tolerance."
                : "**Regressed: " + String.join(", ", cmp.regressions()) + "**").append("\n\n");
    }

    private static void cases(StringBuilder md, List<RecoverySample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        md.append("## Every recovery\n\n| # | browser | failure | intensity | rep | arm | verified | result | time |"
                + " steps | CPU | launches |\n|---:|---|---|---|---:|---|---|---|---:|---|---:|---:|\n");
        List<RecoverySample> sorted = new ArrayList<>(samples);
        sorted.sort(java.util.Comparator.comparingInt(RecoverySample::order).thenComparing(RecoverySample::arm));
        for (RecoverySample x : sorted) {
            StringBuilder steps = new StringBuilder();
            for (RecoverySample.Step st : x.steps()) {
                if (steps.length() > 0) {
                    steps.append(" → ");
                }
                steps.append(st.step()).append(st.ok() ? " ok" : "");
            }
            String steps2 = steps.length() > 120 ? x.steps().size() + " steps, last " + x.steps().get(x.steps().size() - 1).step() : steps.toString();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %d |%n",
                    x.order(), x.browser(), x.failureType(), x.intensity(), x.repetition(),
                    x.arm().equals(W) ? "with" : "without", x.verified() ? "yes" : "no",
                    x.recoveredWithinBudget() ? "ok: " + x.succeededAt()
                            : (x.recoveredEventually() ? "late: " + x.succeededAt()
                            : (x.succeededAt() == null ? "not recovered" : x.succeededAt())),
                    secs(x.elapsedMs()), steps2, ms(x.jvmCpuMs() + x.browserCpuMs()), x.browserLaunches()));
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n");
    }

    private static void timeRow(StringBuilder md, String name, double with, double without) {
        md.append("| ").append(name).append(" | ").append(secs(with)).append(" | ").append(secs(without))
                .append(" | ").append(pct(Stats.reductionPercent(with, without))).append(" |\n");
    }

    private static void msRow(StringBuilder md, String name, double with, double without) {
        md.append("| ").append(name).append(" | ").append(ms(with)).append(" | ").append(ms(without))
                .append(" | ").append(pct(Stats.reductionPercent(with, without))).append(" |\n");
    }

    private static void rateRow(StringBuilder md, String name, double with, double without, int nWith, int nWithout) {
        md.append(String.format(Locale.ROOT, "| %s | %.1f%% (%d of %d) | %.1f%% (%d of %d) | %+.1f points (%s) |%n",
                name, with * 100, Math.round(with * nWith), nWith, without * 100, Math.round(without * nWithout),
                nWithout, (with - without) * 100, without == 0 ? "n/a" : String.format(Locale.ROOT, "%+.0f%%",
                        (with - without) / without * 100)));
    }

    static String secs(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String pct(double p) {
        return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, "%+.1f%%", p);
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
