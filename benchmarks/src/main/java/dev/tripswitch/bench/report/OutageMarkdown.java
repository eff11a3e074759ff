package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.outage.OutageScenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.tripswitch.bench.report.MarkdownReport.ms;
import static dev.tripswitch.bench.report.MarkdownReport.secs;

/** The outage part of the Markdown report: one column per arm, the targets and the timeline. */
final class OutageMarkdown {

    private OutageMarkdown() {
    }

    static void render(StringBuilder md, BenchmarkReport r) {
        Summary s = r.summary();
        OutageSetup setup = r.config().outage();
        OutageScenario scenario = setup.outageScenario();
        md.append("## Outage: ").append(setup.suite().equals("shop") ? "a browser suite" : "a service suite")
                .append(" while ").append(scenario.description().replaceFirst("^the dependency", "its dependency"))
                .append("\n\n");
        md.append("Suite `").append(setup.suite()).append("`: ").append(setup.suiteDescription())
                .append(". Scenario `").append(scenario.id()).append("`");
        if (scenario.parallel()) {
            md.append(", ").append(setup.parallelThreads()).append(" threads; circuit `").append(setup.circuit())
                    .append("` goes down, circuit `").append(setup.neighbourCircuit()).append("` stays healthy");
        }
        md.append(". Replay arms' budget: ").append(setup.replayBudgetMs() == null ? "core's default"
                : secs(setup.replayBudgetMs())).append("; WAIT arm's `maxWait`: ")
                .append(setup.maxWaitMs() == null ? "core's default" : secs(setup.maxWaitMs())).append(".\n\n");
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
        perRun(md, arms, r.outage(), "failed probes (HALF_OPEN → OPEN)", run -> count(run.failedProbes()));
        if (scenario.returns()) {
            row(md, arms, s, "app's return → first passing test", OutageMarkdown::resume);
        }
        if (scenario.parallel()) {
            String c = setup.circuit();
            perRun(md, arms, r.outage(), "healthy-dependency tests finished while the circuit was OPEN",
                    run -> count(HealthyNeighbour.finishedWhileOpen(run, c)));
            perRun(md, arms, r.outage(), "last healthy-dependency test ended, from the outage's start",
                    run -> Double.isNaN(run.outageStartMs()) ? "(no outage)"
                            : signedSecs(HealthyNeighbour.lastEndMs(run, c) - run.outageStartMs()));
            perRun(md, arms, r.outage(), "last healthy-dependency test ended, from the app's return",
                    run -> Double.isNaN(run.outageEndMs()) ? "(no return)"
                            : signedSecs(HealthyNeighbour.lastEndMs(run, c) - run.outageEndMs()));
        }
        row(md, arms, s, "JVM + browser CPU time", o -> ms(o.totalCpuMs().mean()));
        md.append('\n');
        if (scenario.returns()) {
            targets(md, s.waitTargets());
        }
        armTargets(md, s.armTargets(), scenario);
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

    private interface RunCell {
        String of(OutageRun run);
    }

    /** A row whose cells list each run's value (medians are what the targets use). */
    private static void perRun(StringBuilder md, List<OutageArm> arms, List<OutageRun> runs, String name, RunCell cell) {
        md.append("| ").append(name).append(" |");
        for (OutageArm a : arms) {
            List<String> values = runs.stream().filter(x -> x.arm().equals(a.name()))
                    .sorted(java.util.Comparator.comparingInt(OutageRun::repetition)).map(cell::of).toList();
            md.append(' ').append(String.join(" / ", values)).append(" |");
        }
        md.append('\n');
    }

    private static String signedSecs(double ms) {
        return Double.isNaN(ms) ? "none" : String.format(Locale.ROOT, "%+.2f s", ms / 1000);
    }

    /** Issue 21's targets: one table, a row per arm and target. */
    private static void armTargets(StringBuilder md, List<Summary.ArmTargets> all, OutageScenario scenario) {
        md.append("### Targets per arm, scenario `").append(scenario.id()).append("` (issues 21 and 24), medians over the runs\n\n");
        if (all.isEmpty()) {
            md.append("No arm with the circuit breaker was run: no targets to compute.\n\n");
            return;
        }
        md.append("| arm | target | value | bound | made of | met |\n|---|---|---:|---:|---|---|\n");
        for (Summary.ArmTargets at : all) {
            OutageArm a = OutageArm.fromName(at.arm());
            for (Summary.Target t : at.targets()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %s | %s | %s |%n",
                        a == null ? at.arm() : a.label(), t.name(), value(t.value(), t.unit()), t.atLeast() ? "≥" : "≤",
                        value(t.limit(), t.unit()), t.limitFrom(), t.met() ? "yes" : "**no**"));
            }
        }
        md.append('\n');
        for (Summary.ArmTargets at : all) {
            OutageArm a = OutageArm.fromName(at.arm());
            long met = at.targets().stream().filter(Summary.Target::met).count();
            md.append("- ").append(a == null ? at.arm() : a.label()).append(": ").append(met).append(" of ")
                    .append(at.targets().size()).append(" met\n");
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
        if (v == null || v.isNaN()) {
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
        md.append("| arm | run | down | back | circuit | first passing test after the return |\n"
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
