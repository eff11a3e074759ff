package dev.tripswitch.report.html;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;
import dev.tripswitch.report.suggest.CircuitAdvice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tripswitch.report.html.Html.count;
import static dev.tripswitch.report.html.Html.cut;
import static dev.tripswitch.report.html.Html.duration;
import static dev.tripswitch.report.html.Html.esc;

/**
 * The HTML run report: one self-contained page (inline CSS, inline SVG, a few lines of script for hover; nothing
 * fetched, so it opens offline from a CI artifact). It shows one run — totals, its timeline, each circuit's episodes
 * and settings — and the trends of the history's runs around it.
 */
public final class RunReportPage {

    private RunReportPage() {
    }

    /**
     * The page.
     *
     * @param run         the run shown, read with its tests
     * @param trendRuns   the runs of the trends, oldest first (the shown run among them, highlighted)
     * @param historyName what the history is, for the page's footer
     * @param generatedAt when the page is made
     */
    public static String render(HistoryRun run, List<HistoryRun> trendRuns, String historyName, Instant generatedAt) {
        return render(run, trendRuns, historyName, generatedAt, null, "Not worked out for this report.");
    }

    /**
     * The page with its "Suggested settings" section.
     *
     * @param advice  each circuit's advice ({@link dev.tripswitch.report.suggest.Suggester}), or {@code null}
     * @param whyNone why there is no advice, when {@code advice} is null
     */
    public static String render(HistoryRun run, List<HistoryRun> trendRuns, String historyName, Instant generatedAt,
                                List<CircuitAdvice> advice, String whyNone) {
        StringBuilder out = new StringBuilder(256 * 1024);
        TimelineSvg timeline = TimelineSvg.of(run);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Tripswitch run report \u2014 ").append(esc(run.runId())).append("</title><style>")
                .append(Style.CSS).append("</style></head><body><main>");
        header(out, run);
        cards(out, run);
        out.append("<section id=\"timeline\"><h2>Timeline</h2><p class=\"lead\">A row per circuit and JVM. The band is"
                + " the circuit's state; below it each test is a mark, as wide as it took, in the lane of what became"
                + " of it. Hover over anything for details.</p>");
        legend(out, timeline);
        out.append("<div class=\"scroll\">").append(timeline.svg()).append("</div></section>");
        out.append("<section id=\"circuits\"><h2>Circuits</h2>");
        for (String name : run.circuitNames()) {
            circuit(out, run, name);
        }
        out.append("</section>");
        out.append("<section id=\"trends\"><h2>Trends across ").append(trendRuns.size())
                .append(trendRuns.size() == 1 ? " run" : " runs").append("</h2><p class=\"lead\">Oldest to newest,"
                        + " one column per run; this run is shaded. Hover over a column for its figures.</p>");
        out.append(TrendCharts.render(trendRuns, run.runId()));
        runsTable(out, trendRuns, run.runId());
        out.append("</section>");
        SuggestionSection.render(out, advice, whyNone);
        out.append("<footer>Written by Tripswitch at ").append(esc(Html.when(generatedAt)))
                .append(" from the history in ").append(esc(historyName)).append(".</footer></main>")
                .append("<div id=\"tip\" role=\"tooltip\" hidden></div><script>").append(Style.SCRIPT)
                .append("</script></body></html>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, HistoryRun run) {
        Set<String> frameworks = new LinkedHashSet<>();
        run.parts().forEach(p -> {
            if (p.jvm() != null && p.jvm().frameworks() != null) {
                frameworks.addAll(p.jvm().frameworks());
            }
        });
        long took = run.endedAt().toEpochMilli() - run.startedAt().toEpochMilli();
        out.append("<header><div class=\"brand\"><svg class=\"logo\" viewBox=\"0 0 16 16\" width=\"14\" height=\"14\" aria-hidden=\"true\"><circle cx=\"8\" cy=\"8\" r=\"6.5\" fill=\"none\" stroke=\"#e5484d\" stroke-width=\"2\"/><path d=\"M8 2v6\" stroke=\"#e5484d\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg> Tripswitch run report</div>")
                .append("<h1>Run <code>").append(esc(run.runId())).append("</code></h1><p class=\"meta\">")
                .append("started ").append(esc(Html.when(run.startedAt()))).append(" \u00b7 took ")
                .append(duration(took)).append(" \u00b7 ").append(run.parts().size())
                .append(run.parts().size() == 1 ? " JVM run" : " JVM runs")
                .append(frameworks.isEmpty() ? "" : " \u00b7 " + esc(String.join(", ", frameworks)))
                .append("</p></header>");
    }

    private static PartFile.Counts total(HistoryRun run) {
        PartFile.Counts t = null;
        for (String name : run.circuitNames()) {
            PartFile.Counts c = run.circuit(name).counts();
            t = t == null ? c : t.plus(c);
        }
        return t == null ? new PartFile.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) : t;
    }

    private static void cards(StringBuilder out, HistoryRun run) {
        PartFile.Counts t = total(run);
        long blips = run.circuitNames().stream().mapToLong(n -> run.circuit(n).blips()).sum();
        out.append("<section class=\"cards\">");
        card(out, "tests", count(t.tests()), "test marks under " + run.circuitNames().size()
                + (run.circuitNames().size() == 1 ? " circuit" : " circuits"), "");
        card(out, "passed", count(t.passed()), "passed", "ok");
        card(out, "failed", count(t.failedCounted() + t.failedNotCounted()), "failed: " + count(t.failedCounted())
                + " counted, " + count(t.failedNotCounted()) + " not", t.failedCounted() > 0 ? "bad" : "");
        card(out, "skipped", count(t.skipped()), "skipped by a circuit", t.skipped() > 0 ? "warn" : "");
        card(out, "replayed", count(t.deferred()) + " \u2192 " + count(t.replayed()), "deferred \u2192 replayed", "");
        card(out, "waited", count(t.waited()), "waited, " + duration(t.waitedMillis()) + " in all", "");
        card(out, "openings", count(t.openings()), "openings, " + blips + (blips == 1 ? " blip" : " blips")
                + ", " + duration(t.outageMillis()) + " open", t.openings() > 0 ? "bad" : "ok");
        card(out, "cost", duration(t.failureCostMillis()), "spent on failures that counted", "");
        out.append("</section>");
    }

    private static void card(StringBuilder out, String metric, String value, String label, String tone) {
        out.append("<div class=\"card ").append(tone).append("\" data-metric=\"").append(metric).append("\"><b>")
                .append(esc(value)).append("</b><span>").append(esc(label)).append("</span></div>");
    }

    private static void legend(StringBuilder out, TimelineSvg timeline) {
        out.append("<div class=\"legend\"><span class=\"group\">State</span>")
                .append("<span class=\"key\"><i class=\"sw s-closed\"></i>CLOSED</span>")
                .append("<span class=\"key\"><i class=\"sw s-open\"></i>OPEN</span>")
                .append("<span class=\"key\"><i class=\"sw s-half-open\"></i>HALF_OPEN</span>")
                .append("<span class=\"key\"><i class=\"flag\"></i>opened (cause on hover)</span>")
                .append("<span class=\"key\"><i class=\"dia\"></i>probe</span>")
                .append("<span class=\"key\"><i class=\"dot ok\"></i>healthy</span>")
                .append("<span class=\"key\"><i class=\"dot bad\"></i>not healthy</span>")
                .append("<br><span class=\"group\">Tests</span>");
        for (MarkKind k : MarkKind.values()) {
            out.append("<span class=\"key\" data-kind=\"").append(k.name()).append("\" data-count=\"")
                    .append(timeline.count(k)).append("\"><i class=\"sw\" style=\"background:").append(k.colour)
                    .append("\"></i>").append(esc(k.label)).append(" <b>").append(count(timeline.count(k)))
                    .append("</b></span>");
        }
        out.append("</div>");
    }

    private static void circuit(StringBuilder out, HistoryRun run, String name) {
        HistoryRun.Merged m = run.circuit(name);
        PartFile.Counts c = m.counts();
        PartFile.Circuit first = m.perPart().get(0);
        out.append("<article class=\"circuit\" data-circuit=\"").append(esc(name)).append("\"><h3>").append(esc(name))
                .append(" <span class=\"state s-").append(first.finalState().toLowerCase().replace('_', '-'))
                .append("\">ended ").append(esc(first.finalState())).append("</span>")
                .append(first.store() == null || first.store().equals("memory") ? ""
                        : " <span class=\"muted small\">shared through " + esc(first.store()) + "</span>")
                .append("</h3>");
        out.append("<table class=\"counts\"><tr>");
        String[][] cells = {
                {"tests", count(c.tests())}, {"let through", count(c.admitted())}, {"passed", count(c.passed())},
                {"failed, counted", count(c.failedCounted())}, {"failed, not counted", count(c.failedNotCounted())},
                {"aborted", count(c.aborted())}, {"skipped", count(c.skipped())}, {"deferred", count(c.deferred())},
                {"replayed", count(c.replayed())}, {"waited", count(c.waited()) + " (" + duration(c.waitedMillis())
                + ")"}, {"probes", count(c.probes())}, {"openings", count(c.openings())},
                {"outage", duration(c.outageMillis())}, {"failures cost", duration(c.failureCostMillis())}};
        for (String[] cell : cells) {
            out.append("<td data-count=\"").append(esc(cell[0])).append("\"><b>").append(esc(cell[1]))
                    .append("</b><span>").append(esc(cell[0])).append("</span></td>");
        }
        out.append("</tr></table>");
        episodes(out, m.episodes(), Instant.parse(run.parts().get(0).startedAt()));
        out.append("<details><summary>Settings in force, and where each came from</summary><table class=\"settings\">"
                + "<tr><th>setting</th><th>value</th><th>from</th></tr>");
        for (Map.Entry<String, PartFile.Setting> s : first.settings().entrySet()) {
            out.append("<tr><td><code>").append(esc(s.getKey())).append("</code></td><td><code>")
                    .append(esc(s.getValue().value())).append("</code></td><td>").append(esc(s.getValue().source()))
                    .append("</td></tr>");
        }
        out.append("</table></details></article>");
    }

    private static void episodes(StringBuilder out, List<PartFile.Episode> episodes, Instant runStart) {
        if (episodes.isEmpty()) {
            out.append("<p class=\"muted\">It did not open during this run.</p>");
            return;
        }
        out.append("<table class=\"episodes\"><tr><th>#</th><th>opened</th><th>caused by</th><th>probes</th>"
                + "<th>health answers</th><th>closed</th><th>outage</th></tr>");
        int i = 0;
        for (PartFile.Episode e : episodes) {
            i++;
            out.append("<tr class=\"episode\"><td>").append(i).append(e.blip() ? " <span class=\"badge\">blip</span>"
                    : "").append("</td><td>").append(esc(Html.when(Instant.parse(e.openedAt())).substring(11, 19)))
                    .append("</td><td><ul>");
            for (PartFile.Failure f : e.openedBy()) {
                out.append("<li>").append(esc(cut(f.describe(), 200))).append("</li>");
            }
            if (e.openedBy().isEmpty()) {
                out.append(e.openingReason() != null ? "<li>" + esc(cut(e.openingReason(), 200)) + "</li>"
                        : "<li class=\"muted\">open when the run started</li>"); // a health check opened it, or not this run
            }
            out.append("</ul></td><td><ul>");
            for (PartFile.Probe p : e.probes()) {
                out.append("<li class=\"").append("PASSED".equals(p.result()) ? "ok" : "bad").append("\">")
                        .append(esc(Html.when(Instant.parse(p.at())).substring(11, 19))).append(' ')
                        .append(esc(cut(p.test(), 60))).append(" \u2014 ")
                        .append(esc(p.result().toLowerCase().replace('_', ' '))).append("</li>");
            }
            if (e.probes().isEmpty()) {
                out.append("<li class=\"muted\">none</li>");
            }
            out.append("</ul></td><td>");
            long healthy = e.healthAnswers().stream().filter(PartFile.HealthAnswer::healthy).count();
            out.append(e.healthAnswers().isEmpty() ? "<span class=\"muted\">none</span>"
                    : e.healthAnswers().size() + " (" + healthy + " healthy)");
            out.append("</td><td>").append(e.closedAt() == null ? "<span class=\"bad\">still open at the end</span>"
                    : esc(Html.when(Instant.parse(e.closedAt())).substring(11, 19)))
                    .append("</td><td>").append(duration(e.outageMillis())).append("</td></tr>");
        }
        out.append("</table>");
    }

    private static void runsTable(StringBuilder out, List<HistoryRun> runs, String current) {
        List<HistoryRun> newest = new ArrayList<>(runs.subList(Math.max(0, runs.size() - 30), runs.size()));
        java.util.Collections.reverse(newest);
        out.append("<h3>The last runs</h3><table class=\"runs\"><tr><th>run</th><th>started</th><th>JVMs</th>"
                + "<th>tests</th><th>passed</th><th>failed</th><th>skipped</th><th>deferred</th><th>waited</th>"
                + "<th>openings</th><th>outage</th><th>failures cost</th></tr>");
        for (HistoryRun r : newest) {
            PartFile.Counts t = total(r);
            out.append("<tr").append(r.runId().equals(current) ? " class=\"now\"" : "").append("><td><code>")
                    .append(esc(r.runId())).append("</code></td><td>").append(esc(Html.when(r.startedAt())))
                    .append("</td><td>").append(r.parts().size()).append("</td><td>").append(count(t.tests()))
                    .append("</td><td>").append(count(t.passed())).append("</td><td>")
                    .append(count(t.failedCounted() + t.failedNotCounted())).append("</td><td>")
                    .append(count(t.skipped())).append("</td><td>").append(count(t.deferred())).append("</td><td>")
                    .append(count(t.waited())).append("</td><td>").append(count(t.openings())).append("</td><td>")
                    .append(duration(t.outageMillis())).append("</td><td>").append(duration(t.failureCostMillis()))
                    .append("</td></tr>");
        }
        out.append("</table>");
    }
}
