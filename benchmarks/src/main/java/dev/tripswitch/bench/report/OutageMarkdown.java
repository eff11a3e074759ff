package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.tripswitch.bench.report.MarkdownReport.ms;
import static dev.tripswitch.bench.report.MarkdownReport.secs;

/** The outage part of the Markdown report: one column per arm, the WAIT arm's targets and the timeline. */
final class OutageMarkdown {

    private OutageMarkdown() {
    }

    static void render(StringBuilder md, BenchmarkReport r) {
        Summary s = r.summary();
        md.append("## Outage: a browser suite while the app goes down and comes back\n\n");
        for (String note : r.config().outageNotes()) {
            md.append("- ").append(note).append('\n');
        }
        List<OutageArm> arms = new ArrayList<>();
        for (OutageArm a : OutageArm.values()) {
            if (s.outage().containsKey(a.name())) {
                arms.add(a);
            }
        }
        if (arms.isEmpty()) {
            md.append("The outage suite was not run.\n\n");
            return;
        }
        Summary.OutageSummary first = s.outage().get(arms.get(0).name());
        md.append("Means over ").append(first.runs()).append(" run(s) per arm of ").append(first.tests())
                .append(" tests. \"Doomed\" tests are those that could not pass: failed or skipped. The reference"
                        + " arm runs the same suite with the circuit breaker and the shop healthy throughout.\n\n");
        md.append("| metric |");
        arms.forEach(a -> md.append(' ').append(a.label()).append(" |"));
        md.append("\n|---|").append("---:|".repeat(arms.size())).append('\n');
        row(md, arms, s, "wall time", o -> secs(o.wallMs().mean()));
        row(md, arms, s, "time in doomed tests", o -> secs(o.doomedMs().mean()));
        row(md, arms, s, "failures reported", o -> count(o.failed().mean()));
        row(md, arms, s, "tests skipped", o -> count(o.skipped().mean()));
        row(md, arms, s, "tests passed", o -> count(o.passed().mean()));
        row(md, arms, s, "tests skipped after the app was back", o -> count(o.skippedAfterReturn().mean()));
        row(md, arms, s, "times the circuit opened", o -> count(o.timesOpened().mean()));
        row(md, arms, s, "app's return → first passing test", OutageMarkdown::resume);
        row(md, arms, s, "JVM + browser CPU time", o -> ms(o.totalCpuMs().mean()));
        md.append('\n');
        targets(md, s.waitTargets());
        timeline(md, r.outage());
    }

    private interface Cell {
        String of(Summary.OutageSummary o);
    }

    private static void row(StringBuilder md, List<OutageArm> arms, Summary s, String name, Cell cell) {
        md.append("| ").append(name).append(" |");
        for (OutageArm a : arms) {
            Summary.OutageSummary o = s.outage().get(a.name());
            md.append(' ').append(a.hasOutage() || !name.contains("return") ? cell.of(o) : "(no outage)").append(" |");
        }
        md.append('\n');
    }

    private static String resume(Summary.OutageSummary o) {
        if (o.resumedRuns() == 0) {
            return "no test passed after the return";
        }
        String v = secs(o.resumeMs().mean());
        return o.resumedRuns() < o.runs() ? v + " (" + o.resumedRuns() + " of " + o.runs() + " runs)" : v;
    }

    private static void targets(StringBuilder md, List<Summary.Target> targets) {
        md.append("### Targets of the WAIT arm (issue 13), medians over the runs\n\n");
        if (targets.isEmpty()) {
            md.append("The WAIT arm was not run: no targets to compute.\n\n");
            return;
        }
        md.append("| target | WAIT + health check | bound | made of | met |\n|---|---:|---:|---|---|\n");
        for (Summary.Target t : targets) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s %s | %s | %s |%n", t.name(), value(t.value(), t.unit()),
                    t.atLeast() ? "≥" : "≤", value(t.limit(), t.unit()), t.limitFrom(), t.met() ? "yes" : "**no**"));
        }
        long met = targets.stream().filter(Summary.Target::met).count();
        md.append('\n').append(met).append(" of ").append(targets.size()).append(" targets met.\n\n");
    }

    private static String value(Double v, String unit) {
        if (v == null) {
            return "none";
        }
        return unit.equals("ms") ? secs(v) : count(v);
    }

    /** A count or a mean of counts: whole numbers as they are, else one decimal. */
    private static String count(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /** Per run: when the shop went down and came back and what the circuit did, as in {@code timeline.png}. */
    private static void timeline(StringBuilder md, List<OutageRun> runs) {
        md.append("### Timeline (seconds from the suite's start; `timeline.png` draws every test)\n\n");
        md.append("| arm | run | shop down | shop back | circuit | first passing test after the return |\n"
                + "|---|---:|---:|---:|---|---:|\n");
        for (OutageArm a : OutageArm.values()) {
            for (OutageRun r : runs) {
                if (!r.arm().equals(a.name())) {
                    continue;
                }
                StringBuilder circuit = new StringBuilder();
                for (OutageRun.CircuitEvent e : r.circuitEvents()) {
                    circuit.append(circuit.length() == 0 ? "" : ", ").append(e.to())
                            .append(String.format(Locale.ROOT, " %.1f", e.atMs() / 1000));
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", a.label(), r.repetition(),
                        at(r.outageStartMs()), at(r.outageEndMs()), circuit.length() == 0 ? "no transition" : circuit,
                        !a.hasOutage() ? "–" : r.resumeMs() == null ? "none" : at(r.outageEndMs() + r.resumeMs())));
            }
        }
        md.append('\n');
    }

    private static String at(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.1f", ms / 1000);
    }
}
