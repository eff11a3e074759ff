package dev.tripswitch.bench.overhead;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of the overhead benchmark measured.
 *
 * @param createdAt   ISO-8601 instant
 * @param commit      the git commit measured, when known
 * @param machine     processors, Java, load average before and after
 * @param runsPerArm  measured runs per arm and framework
 * @param warmupPerArm unmeasured runs per arm and framework before them
 * @param results     one per framework
 */
public record OverheadReport(String createdAt, String commit, Map<String, String> machine, int runsPerArm,
                             int warmupPerArm, List<FrameworkResult> results) {

    /** The report as Markdown: the headline table, then every run. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Protected-test overhead\n\n");
        md.append("Commit `").append(commit == null ? "unknown" : commit).append("`, ").append(createdAt)
                .append("; ").append(runsPerArm).append(" measured runs per arm after ").append(warmupPerArm)
                .append(" unmeasured, alternating protected and unprotected.");
        machine.forEach((k, v) -> md.append(' ').append(k).append(": ").append(v).append('.'));
        md.append("\n\nOverhead per protected test = (median protected − median unprotected) ÷ tests per run;"
                + " \"paired\": the median of the per-round differences ÷ tests. Wall time is what the target is"
                + " about; the running thread's CPU time is not inflated by other processes on a loaded machine.\n\n"
                + "| framework | tests per run | measure | protected (median) | unprotected (median) | overhead per"
                + " protected test | paired | target | met |\n|---|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (FrameworkResult r : results) {
            row(md, r, "wall", r.wall(), r.wallTargetMet());
            row(md, r, "thread CPU", r.threadCpu(), r.cpuTargetMet());
        }
        if (results.stream().anyMatch(r -> r.perSuite() != null)) {
            md.append("\nPer suite run (both arms run again with one test per run in every round, so that the code"
                    + " setting a run up is as warm in both sizes): what a protected suite run costs whatever its size"
                    + " (TestNG sets up its replay `<test>`s in every run, deferred tests or not), and what is left per"
                    + " protected test of the full-size runs once it is taken off (per round: the full-size"
                    + " difference less the one-test difference, ÷ tests; median).\n\n| framework | runs per arm |"
                    + " measure | per suite run (median) | paired | per protected test beyond it |"
                    + "\n|---|---:|---|---:|---:|---:|\n");
            for (FrameworkResult r : results) {
                FrameworkResult.PerSuite s = r.perSuite();
                if (s != null) {
                    suiteRow(md, r, s.runs(), "wall", s.wall(), s.wallBeyondMicros());
                    suiteRow(md, r, s.runs(), "thread CPU", s.threadCpu(), s.threadCpuBeyondMicros());
                }
            }
        }
        md.append("\nEvery measured run, ms (protected / unprotected, in run order):\n\n");
        for (FrameworkResult r : results) {
            md.append("- ").append(r.framework()).append(", wall: ").append(join(r.wall().protectedMs()))
                    .append(" / ").append(join(r.wall().unprotectedMs())).append('\n');
            md.append("- ").append(r.framework()).append(", thread CPU: ").append(join(r.threadCpu().protectedMs()))
                    .append(" / ").append(join(r.threadCpu().unprotectedMs())).append('\n');
        }
        return md.toString();
    }

    private static void row(StringBuilder md, FrameworkResult r, String measure, FrameworkResult.Arms a, boolean met) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f ms | %.1f ms | **%.2f µs** | %.2f µs | ≤ %.0f µs | %s |%n",
                r.framework(), r.tests(), measure, a.medianProtectedMs(), a.medianUnprotectedMs(),
                a.overheadMicrosPerTest(), a.pairedOverheadMicrosPerTest(), r.targetMicros(), met ? "yes" : "**no**"));
    }

    private static void suiteRow(StringBuilder md, FrameworkResult r, int runs, String measure,
                                 FrameworkResult.Arms ofOne, double beyond) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f µs | %.0f µs | %.2f µs |%n", r.framework(), runs,
                measure, ofOne.overheadMicrosPerTest(), ofOne.pairedOverheadMicrosPerTest(), beyond));
    }

    private static String join(List<Double> ms) {
        return String.join(", ", ms.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
    }
}
