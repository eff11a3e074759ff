package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * The outage timeline: one row per arm (and run), each test a mark at the moment its outcome was known, coloured
 * by outcome; on each row the moments the shop went down and came back (vertical strokes) and the circuit's
 * transitions (triangles and diamonds just above the row). A chart narrower than 1000 pixels (the dashboard's)
 * has no legend.
 */
final class TimelineChart {

    private static final Color PASSED = new Color(46, 160, 67);
    private static final Color FAILED = new Color(215, 48, 39);
    private static final Color SKIPPED = new Color(150, 150, 150);

    private TimelineChart() {
    }

    static XYChart of(List<OutageRun> runs, String title, int width, int height) {
        List<OutageRun> rows = new ArrayList<>();
        for (OutageArm a : OutageArm.values()) {
            runs.stream().filter(r -> r.arm().equals(a.name())).forEach(rows::add);
        }
        boolean severalRuns = rows.stream().anyMatch(r -> r.repetition() > 1);
        XYChart c = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("seconds from the suite's start").yAxisTitle("").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setLegendVisible(width >= 1000); // the legend needs the width; the dashboard's copy goes without
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setYAxisMin(-0.6).setYAxisMax(rows.size() - 0.3);
        c.getStyler().setYAxisTicksVisible(false);
        double end = rows.stream().mapToDouble(OutageRun::wallMs).max().orElse(0) / 1000;
        c.getStyler().setXAxisMin(0.0).setXAxisMax(Math.max(1.0, Math.ceil(end)));
        for (int i = 0; i < rows.size(); i++) { // each row's name, centred above it
            c.addAnnotation(new AnnotationText(label(rows.get(i), severalRuns), Math.max(1.0, Math.ceil(end)) / 2,
                    y(rows, i) + 0.5, false));
        }
        List<double[]> points = new ArrayList<>();
        for (String outcome : List.of("PASSED", "FAILED", "SKIPPED")) {
            points.clear();
            for (int i = 0; i < rows.size(); i++) {
                double y = y(rows, i);
                rows.get(i).results().stream().filter(t -> t.outcome().equals(outcome))
                        .forEach(t -> points.add(new double[]{t.endMs() / 1000, y}));
            }
            Color colour = outcome.equals("PASSED") ? PASSED : outcome.equals("FAILED") ? FAILED : SKIPPED;
            scatter(c, "test " + outcome.toLowerCase(java.util.Locale.ROOT), points, SeriesMarkers.CIRCLE, colour);
        }
        for (String state : List.of("OPEN", "HALF_OPEN", "CLOSED")) {
            points.clear();
            for (int i = 0; i < rows.size(); i++) {
                double y = y(rows, i) + 0.28;
                rows.get(i).circuitEvents().stream().filter(e -> e.to().equals(state))
                        .forEach(e -> points.add(new double[]{e.atMs() / 1000, y}));
            }
            Marker m = state.equals("OPEN") ? SeriesMarkers.TRIANGLE_DOWN
                    : state.equals("HALF_OPEN") ? SeriesMarkers.DIAMOND : SeriesMarkers.TRIANGLE_UP;
            Color colour = state.equals("OPEN") ? new Color(120, 0, 0)
                    : state.equals("HALF_OPEN") ? new Color(230, 140, 0) : new Color(30, 90, 200);
            scatter(c, "circuit " + state.replace('_', '-'), points, m, colour).setMarkerColor(colour);
        }
        strokes(c, rows, "dependency went down", true, Color.BLACK);
        strokes(c, rows, "dependency came back", false, new Color(0, 110, 60));
        return c;
    }

    private static double y(List<OutageRun> rows, int i) {
        return rows.size() - 1 - i; // the first row on top
    }

    private static String label(OutageRun r, boolean severalRuns) {
        OutageArm arm = OutageArm.fromName(r.arm());
        String name = arm == null ? r.arm() : arm.label();
        return severalRuns ? name + ", run " + r.repetition() : name;
    }

    private static XYSeries scatter(XYChart c, String name, List<double[]> points, Marker marker, Color colour) {
        double[] x = new double[Math.max(1, points.size())];
        double[] y = new double[x.length];
        if (points.isEmpty()) { // xchart needs data; an invisible point keeps the legend entry
            x[0] = Double.NaN;
            y[0] = Double.NaN;
        }
        for (int i = 0; i < points.size(); i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(marker).setMarkerColor(colour);
        return s;
    }

    /** One short vertical stroke per row with an outage, at its start or its end; one legend entry. */
    private static void strokes(XYChart c, List<OutageRun> rows, String name, boolean start, Color colour) {
        boolean first = true;
        for (int i = 0; i < rows.size(); i++) {
            OutageRun r = rows.get(i);
            double at = start ? r.outageStartMs() : r.outageEndMs();
            if (Double.isNaN(at)) {
                continue;
            }
            double y = y(rows, i);
            XYSeries s = c.addSeries(first ? name : name + " " + i, new double[]{at / 1000, at / 1000},
                    new double[]{y - 0.4, y + 0.4});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                    .setLineColor(colour);
            s.setShowInLegend(first);
            first = false;
        }
    }
}
