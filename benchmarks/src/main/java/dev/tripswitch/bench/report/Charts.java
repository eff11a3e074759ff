package dev.tripswitch.bench.report;

import dev.tripswitch.bench.outage.OutageArm;
import dev.tripswitch.bench.recovery.Arm;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PNG charts of a report (xchart): recovery time, success rate, per-category comparisons, the outage suite per
 * arm, its timeline ({@link TimelineChart}) and a dashboard.
 * Every chart of a simulated run says "simulated" in its title.
 */
public final class Charts {

    private static final String W = Arm.WITH_CIRCUIT_BREAKER.name();
    private static final String WO = Arm.WITHOUT_CIRCUIT_BREAKER.name();

    private Charts() {
    }

    /** Writes the charts into {@code dir} (atomically, one by one) and returns their file names. */
    public static List<String> write(Path dir, BenchmarkReport report) throws IOException {
        String tag = report.simulated() ? " (simulated)" : "";
        List<String> written = new ArrayList<>();
        Summary s = report.summary();
        List<Chart<?, ?>> dash = new ArrayList<>();
        CategoryChart byIntensity = null;
        if (s.recovery().containsKey(W) && s.recovery().containsKey(WO)) {
            CategoryChart time = recoveryTime(s, tag);
            CategoryChart success = successRate(s, tag);
            CategoryChart byType = byCategory(s, "failureType", "Mean recovery time by failure type" + tag);
            byIntensity = byCategory(s, "intensity", "Mean recovery time by intensity" + tag);
            CategoryChart byBrowser = byCategory(s, "browser", "Mean recovery time by browser" + tag);
            CategoryChart resources = resources(s, tag);
            save(dir, "recovery-time.png", time, written);
            save(dir, "success-rate.png", success, written);
            save(dir, "by-failure-type.png", byType, written);
            save(dir, "by-intensity.png", byIntensity, written);
            save(dir, "by-browser.png", byBrowser, written);
            save(dir, "resources.png", resources, written);
            dash.addAll(List.of(time, success, byType, resources));
        }
        CategoryChart outage = outage(s, tag);
        if (outage != null) {
            save(dir, "outage.png", outage, written);
            dash.add(outage);
            long rows = report.outage().size();
            save(dir, "timeline.png", TimelineChart.of(report.outage(), "Outage timeline" + tag, 1400,
                    (int) Math.max(420, 220 + rows * 70)), written);
            dash.add(TimelineChart.of(report.outage(), "Outage timeline" + tag, 800, 500));
        }
        if (byIntensity != null && dash.size() % 2 == 1) {
            dash.add(byIntensity);
        }
        if (!dash.isEmpty()) {
            for (Chart<?, ?> c : dash) {
                c.getStyler().setChartTitleFont(c.getStyler().getChartTitleFont().deriveFont(13f));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int cols = 2;
            int rows = (dash.size() + cols - 1) / cols;
            BitmapEncoder.saveBitmap(dash, rows, cols, out, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(dir.resolve("dashboard.png"), out.toByteArray());
            written.add("dashboard.png");
        }
        return written;
    }

    private static CategoryChart recoveryTime(Summary s, String tag) {
        CategoryChart c = chart("Recovery time, seconds" + tag, "", "seconds");
        List<String> x = List.of("mean", "median", "p90", "max");
        for (String arm : List.of(W, WO)) {
            var st = s.recovery().get(arm).recoveryMs();
            c.addSeries(label(arm), x, List.of(st.mean() / 1000, st.median() / 1000, st.p90() / 1000, st.max() / 1000));
        }
        return c;
    }

    private static CategoryChart successRate(Summary s, String tag) {
        CategoryChart c = chart("Recovery success rate, %" + tag, "", "%");
        List<String> x = List.of("within budget", "at all");
        for (String arm : List.of(W, WO)) {
            Summary.ArmSummary a = s.recovery().get(arm);
            c.addSeries(label(arm), x, List.of(a.successRate() * 100, a.eventualRate() * 100));
        }
        c.getStyler().setYAxisMax(100.0);
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    private static CategoryChart byCategory(Summary s, String dim, String title) {
        CategoryChart c = chart(title, "", "seconds");
        Map<String, Map<String, Summary.ArmSummary>> cats = s.byCategory().get(dim);
        List<String> x = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        List<Double> wo = new ArrayList<>();
        cats.forEach((k, v) -> {
            if (v.containsKey(W) && v.containsKey(WO)) {
                x.add(shortName(k));
                w.add(v.get(W).recoveryMs().mean() / 1000);
                wo.add(v.get(WO).recoveryMs().mean() / 1000);
            }
        });
        if (x.isEmpty()) {
            x.add("none");
            w.add(0.0);
            wo.add(0.0);
        }
        c.addSeries(label(W), x, w);
        c.addSeries(label(WO), x, wo);
        if (x.size() > 4) {
            c.getStyler().setXAxisLabelRotation(30);
        }
        return c;
    }

    private static CategoryChart resources(Summary s, String tag) {
        CategoryChart c = chart("Resources per recovery" + tag, "", "CPU ms / MB / launches x1000");
        List<String> x = List.of("JVM CPU ms", "browser CPU ms", "peak RSS MB", "launches x1000");
        for (String arm : List.of(W, WO)) {
            Summary.ArmSummary a = s.recovery().get(arm);
            c.addSeries(label(arm), x, List.of(a.jvmCpuMs().mean(), a.browserCpuMs().mean(),
                    a.peakBrowserRssMb().mean(), a.browserLaunches().mean() * 1000));
        }
        return c;
    }

    /** Wall and doomed time, failures, skips and passed tests per arm; {@code null} without outage runs. */
    private static CategoryChart outage(Summary s, String tag) {
        if (s.outage().isEmpty()) {
            return null;
        }
        CategoryChart c = chart("Outage suite" + tag, "", "seconds / tests");
        List<String> x = List.of("wall s", "doomed s", "failed", "skipped", "passed");
        for (OutageArm arm : OutageArm.values()) {
            Summary.OutageSummary o = s.outage().get(arm.name());
            if (o != null) {
                c.addSeries(arm.label(), x, List.of(o.wallMs().mean() / 1000, o.doomedMs().mean() / 1000,
                        o.failed().mean(), o.skipped().mean(), o.passed().mean()));
            }
        }
        return c;
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setAvailableSpaceFill(0.8);
        return c;
    }

    private static String label(String arm) {
        return arm.equals(W) ? "with circuit breaker" : "without";
    }

    private static String shortName(String category) {
        return category.replace("CONNECTION_FAILURE", "CONNECTION").replace("RESOURCE_EXHAUSTION", "RESOURCE")
                .replace("INTERNAL_ERROR", "INTERNAL");
    }

    private static void save(Path dir, String name, Chart<?, ?> chart, List<String> written) throws IOException {
        AtomicFiles.write(dir.resolve(name), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        written.add(name);
    }
}
