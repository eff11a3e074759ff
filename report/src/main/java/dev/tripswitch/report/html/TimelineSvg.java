package dev.tripswitch.report.html;

import dev.tripswitch.report.history.HistoryRun;
import dev.tripswitch.report.history.PartFile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static dev.tripswitch.report.html.Html.cut;
import static dev.tripswitch.report.html.Html.duration;
import static dev.tripswitch.report.html.Html.esc;
import static dev.tripswitch.report.html.Html.px;

/**
 * The run's timeline as inline SVG: a row per circuit and JVM; in each, the circuit's state over time as a band
 * (CLOSED, OPEN, HALF_OPEN), its openings flagged with their causes, its probes and health answers on the band, and
 * below it one mark per test in three lanes (ran, failed, not run), as wide as the test took. Every element that says
 * more carries it in {@code data-tip}, which the page's script shows on hover.
 */
final class TimelineSvg {

    static final int WIDTH = 1200;
    private static final int LABEL = 236;
    private static final int RIGHT = 20;
    private static final int AXIS = 30;
    private static final int ROW = 72;
    private static final int BAND_Y = 18;
    private static final int BAND_H = 14;
    private static final int LANE_Y = 38;
    private static final int LANE_STEP = 10;
    private static final int MARK_H = 7;

    private final HistoryRun run;
    private final long t0;
    private final long span;
    private final StringBuilder svg = new StringBuilder(64 * 1024);
    private final Map<MarkKind, Long> counts = new EnumMap<>(MarkKind.class);

    private TimelineSvg(HistoryRun run) {
        this.run = run;
        this.t0 = run.startedAt().toEpochMilli();
        this.span = Math.max(1000, run.endedAt().toEpochMilli() - t0);
    }

    /** The timeline of {@code run} (read with its tests), and how many marks of each kind it drew. */
    static TimelineSvg of(HistoryRun run) {
        TimelineSvg t = new TimelineSvg(run);
        t.draw();
        return t;
    }

    String svg() {
        return svg.toString();
    }

    long count(MarkKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    private double x(long epochMillis) {
        return LABEL + (epochMillis - t0) * (double) (WIDTH - LABEL - RIGHT) / span;
    }

    private double width(long millis) {
        return millis * (double) (WIDTH - LABEL - RIGHT) / span;
    }

    private void draw() {
        List<Row> rows = new ArrayList<>();
        for (String circuit : run.circuitNames()) {
            for (PartFile part : run.parts()) {
                for (PartFile.Circuit c : part.circuits()) {
                    if (c.name().equals(circuit)) {
                        rows.add(new Row(part, c));
                    }
                }
            }
        }
        int height = AXIS + Math.max(1, rows.size()) * ROW + 8;
        svg.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"Timeline of run ").append(esc(run.runId()))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
        axis(height);
        int y = AXIS;
        String previous = null;
        for (Row r : rows) {
            row(r, y, !r.circuit.name().equals(previous));
            previous = r.circuit.name();
            y += ROW;
        }
        if (rows.isEmpty()) {
            svg.append("<text x=\"").append(LABEL).append("\" y=\"").append(AXIS + 30)
                    .append("\" class=\"muted\">No test ran under a circuit.</text>");
        }
        svg.append("</svg>");
    }

    private record Row(PartFile part, PartFile.Circuit circuit) {
    }

    private void axis(int height) {
        long step = niceStep(span / 8);
        svg.append("<g class=\"axis\">");
        for (long t = 0; t <= span; t += step) {
            double x = x(t0 + t);
            svg.append("<line x1=\"").append(px(x)).append("\" x2=\"").append(px(x)).append("\" y1=\"").append(AXIS - 6)
                    .append("\" y2=\"").append(height - 4).append("\" class=\"grid\"/>");
            svg.append("<text x=\"").append(px(x)).append("\" y=\"").append(AXIS - 12)
                    .append("\" text-anchor=\"middle\">").append(clock(t)).append("</text>");
        }
        svg.append("<text x=\"8\" y=\"").append(AXIS - 12).append("\" class=\"muted\">since ")
                .append(esc(Html.when(run.startedAt()).substring(11))).append("</text></g>");
    }

    /** "0:30", "12:00", "1:05:00": time since the run started. */
    private static String clock(long millis) {
        long s = millis / 1000;
        String ms = millis < 10_000 && millis % 1000 != 0 ? String.format(".%d", millis % 1000 / 100) : "";
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60) + ms;
    }

    private static long niceStep(long rough) {
        long[] steps = {100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000,
                900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000};
        for (long s : steps) {
            if (s >= rough) {
                return s;
            }
        }
        return 86_400_000;
    }

    private void row(Row r, int top, boolean firstOfCircuit) {
        PartFile p = r.part;
        PartFile.Circuit c = r.circuit;
        List<PartFile.Test> tests = p.tests().stream().filter(t -> t.circuit().equals(c.name())).toList();
        svg.append("<g class=\"row\" data-circuit=\"").append(esc(c.name())).append("\" data-part=\"")
                .append(esc(p.partId())).append("\" data-tests=\"").append(tests.size()).append("\">");
        if (firstOfCircuit && top > AXIS) {
            svg.append("<line x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(top).append("\" y2=\"")
                    .append(top).append("\" class=\"sep\"/>");
        }
        String jvm = p.jvm() == null ? p.partId() : "JVM " + p.jvm().pid()
                + (p.jvm().fork() == null ? "" : " \u00b7 fork " + p.jvm().fork())
                + (p.jvm().frameworks() == null || p.jvm().frameworks().isEmpty() ? ""
                : " \u00b7 " + String.join(", ", p.jvm().frameworks()));
        svg.append("<text x=\"8\" y=\"").append(top + BAND_Y + 11).append("\" class=\"circuit-name\">")
                .append(esc(cut(c.name(), 26))).append("</text>");
        svg.append("<text x=\"8\" y=\"").append(top + BAND_Y + 28).append("\" class=\"jvm\" data-tip=\"")
                .append(esc("part " + p.partId() + (p.jvm() == null ? "" : "\nhost " + p.jvm().host() + "\nin "
                        + p.jvm().workingDirectory()))).append("\">").append(esc(cut(jvm, 38))).append("</text>");
        for (int lane = 0; lane < 3; lane++) {
            svg.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(top + LANE_Y + lane * LANE_STEP + 7)
                    .append("\" text-anchor=\"end\" class=\"lane\">").append(new String[]{"ran", "failed", "not run"}[lane])
                    .append("</text>");
        }
        band(p, c, top);
        for (PartFile.Test t : tests) {
            mark(p, t, top);
        }
        openings(p, c, top);
        health(c, top);
        svg.append("</g>");
    }

    private void band(PartFile p, PartFile.Circuit c, int top) {
        long start = Instant.parse(p.startedAt()).toEpochMilli();
        long end = Instant.parse(p.endedAt()).toEpochMilli();
        String state = c.transitions().isEmpty() ? c.finalState() : c.transitions().get(0).from();
        long from = start;
        String why = "the state at the start of this JVM's run";
        for (PartFile.Transition t : c.transitions()) {
            long at = Math.max(start, Instant.parse(t.at()).toEpochMilli());
            segment(state, from, at, why, top);
            state = t.to();
            from = at;
            why = t.reason();
        }
        segment(state, from, Math.max(from, end), why, top);
    }

    private void segment(String state, long from, long to, String why, int top) {
        double w = Math.max(to > from ? 1 : 0, width(to - from));
        if (w <= 0) {
            return;
        }
        svg.append("<rect class=\"band s-").append(state.toLowerCase().replace('_', '-')).append("\" x=\"")
                .append(px(x(from))).append("\" y=\"").append(top + BAND_Y).append("\" width=\"").append(px(w))
                .append("\" height=\"").append(BAND_H).append("\" data-tip=\"")
                .append(esc(state + " for " + duration(to - from) + ", from " + clock(from - t0) + " to "
                        + clock(to - t0) + (why == null ? "" : "\n" + cut(why, 300)))).append("\"/>");
    }

    private void mark(PartFile p, PartFile.Test t, int top) {
        MarkKind kind = MarkKind.of(t);
        counts.merge(kind, 1L, Long::sum);
        long at = Instant.parse(p.startedAt()).toEpochMilli() + t.at();
        double y = top + LANE_Y + kind.lane * LANE_STEP;
        StringBuilder tip = new StringBuilder(160).append(t.name()).append('\n').append(kind.label);
        if (t.probe()) {
            tip.append(" (a half-open probe)");
        }
        tip.append(" \u00b7 at ").append(clock(at - t0));
        if (t.ms() > 0) {
            tip.append(" \u00b7 took ").append(duration(t.ms()));
        }
        if (t.waitedMs() > 0) {
            tip.append(" \u00b7 waited ").append(duration(t.waitedMs()));
        }
        if (t.reason() != null) {
            tip.append('\n').append(cut(t.reason(), 360));
        }
        svg.append("<rect class=\"m ").append(kind.css()).append(t.probe() ? " probe" : "").append("\" x=\"")
                .append(px(x(at))).append("\" y=\"").append(px(y)).append("\" width=\"")
                .append(px(Math.max(2, width(t.ms())))).append("\" height=\"").append(MARK_H).append("\" data-tip=\"")
                .append(esc(tip.toString())).append("\"/>");
        if (t.waitedMs() > 0 && !"SKIPPED".equals(t.fate())) {
            svg.append("<line class=\"wait\" x1=\"").append(px(x(at))).append("\" x2=\"")
                    .append(px(x(at + t.waitedMs()))).append("\" y1=\"").append(px(y + MARK_H / 2.0))
                    .append("\" y2=\"").append(px(y + MARK_H / 2.0)).append("\"/>");
        }
        if (t.probe()) {
            double cx = x(at);
            double cy = top + BAND_Y + BAND_H / 2.0;
            svg.append("<path class=\"probe-mark ").append("PASSED".equals(t.fate()) ? "ok" : "bad")
                    .append("\" d=\"M").append(px(cx)).append(' ').append(px(cy - 6)).append("l6 6l-6 6l-6-6z\" data-tip=\"")
                    .append(esc("probe: " + t.name() + " \u2014 " + t.fate().toLowerCase().replace('_', ' ')))
                    .append("\"/>");
        }
    }

    private void openings(PartFile p, PartFile.Circuit c, int top) {
        double labelEnd = 0;
        for (PartFile.Transition t : c.transitions()) {
            if (!"OPEN".equals(t.to())) {
                continue;
            }
            double x = x(Instant.parse(t.at()).toEpochMilli());
            List<PartFile.Failure> causes = t.openedBy() == null ? List.of() : t.openedBy();
            String cause = causes.isEmpty() ? t.reason() : causes.get(causes.size() - 1).describe();
            StringBuilder tip = new StringBuilder("opened at ").append(clock(Instant.parse(t.at()).toEpochMilli() - t0))
                    .append(" (").append(Html.when(Instant.parse(t.at()))).append(")");
            if ("HALF_OPEN".equals(t.from())) {
                tip.append(", the probe failed");
            }
            if (!causes.isEmpty()) {
                tip.append("\ncaused by:");
                for (PartFile.Failure f : causes) {
                    tip.append("\n\u2022 ").append(cut(f.describe(), 200));
                }
            } else if (t.reason() != null) {
                tip.append('\n').append(cut(t.reason(), 300));
            }
            svg.append("<path class=\"opening\" d=\"M").append(px(x)).append(' ').append(top + BAND_Y)
                    .append("l-5-8h10z\" data-tip=\"").append(esc(tip.toString())).append("\"/>");
            if (x > labelEnd + 6 && "CLOSED".equals(t.from()) && cause != null) {
                String label = cut(cause, 56);
                double w = label.length() * 5.6;
                boolean left = x + 7 + w > WIDTH - RIGHT && x - 7 - w > LABEL; // near the right edge: before the flag
                svg.append("<text class=\"cause\" x=\"").append(px(left ? x - 7 : x + 7)).append("\" y=\"")
                        .append(top + BAND_Y - 3).append(left ? "\" text-anchor=\"end" : "").append("\">")
                        .append(esc(label)).append("</text>");
                labelEnd = left ? x : x + 7 + w;
            }
        }
    }

    private void health(PartFile.Circuit c, int top) {
        for (PartFile.HealthAnswer h : c.healthAnswers()) {
            double x = x(Instant.parse(h.at()).toEpochMilli());
            svg.append("<circle class=\"health ").append(h.healthy() ? "ok" : "bad").append("\" cx=\"").append(px(x))
                    .append("\" cy=\"").append(top + BAND_Y + BAND_H + 1).append("\" r=\"3.2\" data-tip=\"")
                    .append(esc("health check: " + cut(h.answer(), 300))).append("\"/>");
        }
    }
}
