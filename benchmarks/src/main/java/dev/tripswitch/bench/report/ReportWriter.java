package dev.tripswitch.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes one run's files into its directory: report.json, report.md, the charts, and on request the metrics. */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static List<String> write(ReportStore store, Path dir, BenchmarkReport report, boolean exportMetrics)
            throws IOException {
        List<String> files = new ArrayList<>();
        store.writeJson(dir, report);
        files.add(ReportStore.REPORT_JSON);
        AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.render(report));
        files.add("report.md");
        files.addAll(Charts.write(dir, report));
        if (exportMetrics) {
            AtomicFiles.writeString(dir.resolve("metrics.prom"), prometheus(report));
            AtomicFiles.writeString(dir.resolve("metrics.csv"), csv(report));
            files.add("metrics.prom");
            files.add("metrics.csv");
        }
        return files;
    }

    /** The headline metrics in Prometheus' text format (e.g. for a Pushgateway or node_exporter's textfile). */
    static String prometheus(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder();
        String labels = String.format(Locale.ROOT, "{profile=\"%s\",mode=\"%s\"}", r.config().profile(), r.config().mode());
        for (Map.Entry<String, Double> e : r.summary().metrics().entrySet()) {
            String name = "tripswitch_benchmark_" + e.getKey().replace('.', '_');
            sb.append("# TYPE ").append(name).append(" gauge\n");
            sb.append(name).append(labels).append(' ').append(fmt(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    static String csv(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder("created_at,profile,mode,metric,value\n");
        for (Map.Entry<String, Double> e : r.summary().metrics().entrySet()) {
            sb.append(r.createdAt()).append(',').append(r.config().profile()).append(',').append(r.config().mode())
                    .append(',').append(e.getKey()).append(',').append(fmt(e.getValue())).append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
    }
}
