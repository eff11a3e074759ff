package dev.tripswitch.report.html;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongFunction;

import static dev.tripswitch.report.html.Html.cut;
import static dev.tripswitch.report.html.Html.duration;
import static dev.tripswitch.report.html.Html.esc;
import static dev.tripswitch.report.html.Html.px;

/**
 * Trends across the runs of the history, per circuit, as small inline SVG charts with one column per run (oldest
 * left, the report's own run highlighted): openings (blips apart), tests skipped / deferred / waited, outage time,
 * the time failures cost; and the causes of its openings, ranked.
 */
final class TrendCharts {

    private static final int W = 380;
    private static final int H = 150;
    private static final int LEFT = 46;
    private static final int RIGHT = 8;
    private static final int TOP = 8;
    private static final int BOTTOM = 22;

    private TrendCharts() {
    }

    /** One series of a chart: its name, colour, and a value per run. */
    private record Series(String name, String colour, long[] values) {
    }

    /** The trend section's charts for every circuit of {@code runs} (oldest first). */
    static String render(List<HistoryRun> runs, String highlightRunId) {
        StringBuilder out = new StringBuilder(32 * 1024);
        TreeSet<String> circuits = new TreeSet<>();
        runs.forEach(r -> circuits.addAll(r.circuitNames()));
        int highlight = -1;
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).runId().equals(highlightRunId)) {
                highlight = i;
            }
        }
        for (String circuit : circuits) {
            List<HistoryRun.Merged> per = new ArrayList<>();
            for (HistoryRun r : runs) {
                per.add(r.circuitNames().contains(circuit) ? r.circuit(circuit) : null);
            }
            out.append("<article class=\"trend\" data-circuit=\"").append(esc(circuit)).append("\"><h3>")
                    .append(esc(circuit)).append("</h3><p class=\"muted\">").append(summary(per)).append("</p>")
                    .append("<div class=\"charts\">");
            chart(out, "Openings per run", runs, highlight, false,
                    new Series("openings that closed at the first probe (blips)", "#f59f00",
                            values(per, m -> m.blips())),
                    new Series("other openings", "#e03131", values(per, m -> m.counts().openings() - m.blips())));
            chart(out, "Tests skipped, deferred, waited", runs, highlight, false,
                    new Series("skipped", "#adb5bd", values(per, m -> m.counts().skipped())),
                    new Series("deferred", "#74c0fc", values(per, m -> m.counts().deferred())),
                    new Series("waited", "#f08c00", values(per, m -> m.counts().waited())));
            chart(out, "Outage time per run", runs, highlight, true,
                    new Series("open or half-open", "#c92a2a", values(per, m -> m.counts().outageMillis())));
            chart(out, "Time the counted failures cost", runs, highlight, true,
                    new Series("failed tests' time", "#862e9c", values(per, m -> m.counts().failureCostMillis())));
            causes(out, per);
            out.append("</div></article>");
        }
        if (circuits.isEmpty()) {
            out.append("<p class=\"muted\">No circuit in these runs.</p>");
        }
        return out.toString();
    }

    private static String summary(List<HistoryRun.Merged> per) {
        long runs = per.stream().filter(m -> m != null).count();
        long opened = per.stream().filter(m -> m != null && m.counts().openings() > 0).count();
        long openings = per.stream().filter(m -> m != null).mapToLong(m -> m.counts().openings()).sum();
        long blips = per.stream().filter(m -> m != null).mapToLong(HistoryRun.Merged::blips).sum();
        long outage = per.stream().filter(m -> m != null).mapToLong(m -> m.counts().outageMillis()).sum();
        long cost = per.stream().filter(m -> m != null).mapToLong(m -> m.counts().failureCostMillis()).sum();
        return "Used in " + runs + " of " + per.size() + " runs; opened in " + opened + " of them, " + openings
                + (openings == 1 ? " time" : " times") + " in all (" + blips + (blips == 1 ? " blip" : " blips")
                + "); " + duration(outage) + " of outage; counted failures cost " + duration(cost) + ".";
    }

    private interface Value {
        long of(HistoryRun.Merged m);
    }

    private static long[] values(List<HistoryRun.Merged> per, Value v) {
        long[] out = new long[per.size()];
        for (int i = 0; i < per.size(); i++) {
            out[i] = per.get(i) == null ? 0 : Math.max(0, v.of(per.get(i)));
        }
        return out;
    }

    private static void chart(StringBuilder out, String title, List<HistoryRun> runs, int highlight,
                              boolean durations, Series... series) {
        LongFunction<String> format = durations ? Html::duration : Html::count;
        int n = runs.size();
        boolean grouped = series.length >= 3; // side by side; fewer series are stacked
        long max = 1;
        for (int i = 0; i < n; i++) {
            long stack = 0;
            for (Series s : series) {
                stack = grouped ? s.values[i] : stack + s.values[i];
                max = Math.max(max, stack);
            }
        }
        long top = durations ? niceDuration(max) : niceCeiling(max);
        double plotW = W - LEFT - RIGHT;
        double plotH = H - TOP - BOTTOM;
        double col = plotW / Math.max(1, n);
        out.append("<figure class=\"chart\"><figcaption>").append(esc(title)).append("</figcaption>");
        out.append("<svg viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" width=\"100%\" role=\"img\" ")
                .append("aria-label=\"").append(esc(title)).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int k = 0; k <= 2; k++) {
            if (k == 1 && top % 2 != 0) {
                continue; // no half of an odd count
            }
            double y = TOP + plotH - plotH * k / 2;
            out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y1=\"").append(px(y)).append("\" y2=\"").append(px(y)).append("\"/>");
            out.append("<text class=\"tick\" x=\"").append(LEFT - 5).append("\" y=\"").append(px(y + 3.5))
                    .append("\" text-anchor=\"end\">").append(esc(format.apply(top * k / 2))).append("</text>");
        }
        if (highlight >= 0) {
            out.append("<rect class=\"now\" x=\"").append(px(LEFT + col * highlight)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(px(col)).append("\" height=\"").append(px(plotH)).append("\"/>");
        }
        for (int i = 0; i < n; i++) {
            double x0 = LEFT + col * i + col * 0.15;
            double barW = col * 0.7 / (grouped ? series.length : 1);
            double base = TOP + plotH;
            StringBuilder tip = new StringBuilder("run ").append(runs.get(i).runId()).append('\n')
                    .append(Html.when(runs.get(i).startedAt()));
            for (int s = 0; s < series.length; s++) {
                long v = series[s].values[i];
                double h = plotH * v / top;
                double x = grouped ? x0 + barW * s : x0;
                double y = grouped ? TOP + plotH - h : base - h;
                if (v > 0) {
                    out.append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"")
                            .append(px(Math.max(1, barW))).append("\" height=\"").append(px(Math.max(0.5, h)))
                            .append("\" fill=\"").append(series[s].colour).append("\"/>");
                }
                if (!grouped) {
                    base -= h;
                }
                tip.append('\n').append(series[s].name).append(": ").append(format.apply(v));
            }
            out.append("<rect class=\"hit\" x=\"").append(px(LEFT + col * i)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(px(col)).append("\" height=\"").append(px(plotH))
                    .append("\" data-tip=\"").append(esc(tip.toString())).append("\"/>");
        }
        if (n > 0) {
            out.append("<text class=\"tick\" x=\"").append(LEFT).append("\" y=\"").append(H - 6).append("\">")
                    .append(esc(Html.day(runs.get(0).startedAt()))).append("</text>");
            if (n > 1) {
                out.append("<text class=\"tick\" x=\"").append(W - RIGHT).append("\" y=\"").append(H - 6)
                        .append("\" text-anchor=\"end\">").append(esc(Html.day(runs.get(n - 1).startedAt())))
                        .append("</text>");
            }
        }
        out.append("</svg>");
        if (series.length > 1) {
            out.append("<div class=\"keys\">");
            for (Series s : series) {
                out.append("<span><i style=\"background:").append(s.colour).append("\"></i>").append(esc(s.name))
                        .append("</span>");
            }
            out.append("</div>");
        }
        out.append("</figure>");
    }

    /** The causes of the circuit's openings across the runs, most frequent first (the failure that tipped each). */
    private static void causes(StringBuilder out, List<HistoryRun.Merged> per) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (HistoryRun.Merged m : per) {
            if (m == null) {
                continue;
            }
            for (PartFile.Episode e : m.episodes()) {
                String cause = !e.openedBy().isEmpty() ? e.openedBy().get(e.openedBy().size() - 1).describe()
                        : e.openingReason() != null ? e.openingReason() : "(open when the run started)";
                counts.merge(cut(cause, 140), 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        long most = ranked.isEmpty() ? 1 : ranked.get(0).getValue();
        out.append("<figure class=\"chart causes\"><figcaption>Causes of its openings, ranked</figcaption>");
        if (ranked.isEmpty()) {
            out.append("<p class=\"muted\">It never opened in these runs.</p>");
        } else {
            out.append("<ol>");
            for (Map.Entry<String, Long> e : ranked.subList(0, Math.min(8, ranked.size()))) {
                out.append("<li data-tip=\"").append(esc(e.getKey())).append("\"><span class=\"bar\" style=\"width:")
                        .append(Math.max(4, 100 * e.getValue() / most)).append("%\"></span><b>").append(e.getValue())
                        .append("</b> <span>").append(esc(cut(e.getKey(), 90))).append("</span></li>");
            }
            out.append("</ol>");
        }
        out.append("</figure>");
    }

    private static long niceDuration(long millis) {
        for (long s : new long[]{1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000,
                1_200_000, 1_800_000, 3_600_000, 7_200_000, 18_000_000, 36_000_000, 86_400_000}) {
            if (s >= millis) {
                return s;
            }
        }
        return niceCeiling(millis);
    }

    private static long niceCeiling(long max) {
        long magnitude = 1;
        while (magnitude * 10 <= max) {
            magnitude *= 10;
        }
        for (long m : new long[]{1, 2, 5, 10}) {
            if (m * magnitude >= max) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
