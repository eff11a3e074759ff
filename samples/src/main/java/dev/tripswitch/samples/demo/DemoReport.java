package dev.tripswitch.samples.demo;

import dev.tripswitch.browser.grid.NodeTally;
import dev.tripswitch.samples.run.SuiteReport;
import dev.tripswitch.samples.run.TestRecord;
import dev.tripswitch.samples.shop.RefusedCalls;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the demo prints of its suites: each suite's block (its tests, the page-object calls its open circuit refused
 * and, on a Grid, its nodes' circuits) printed as soon as the suite has run, so that it stands right under the lines
 * Tripswitch printed while the suite ran; then one summary of the whole run, whose figures are sums of the blocks'.
 */
final class DemoReport {

    private DemoReport() {
    }

    /**
     * Runs each suite in turn and prints its block to {@code out} as soon as it has run, so that the block follows
     * the lines Tripswitch printed while the suite ran (its circuit's opening, closing and end-of-run line) and
     * comes before the next suite's.
     */
    static List<SuiteReport> runEach(List<Supplier<SuiteReport>> suites, boolean verbose, PrintStream out) {
        List<SuiteReport> reports = new ArrayList<>();
        for (Supplier<SuiteReport> suite : suites) {
            SuiteReport r = suite.get();
            reports.add(r);
            out.println();
            suiteBlock(r, verbose).forEach(out::println);
            out.println();
        }
        return reports;
    }

    /** The block of one suite. */
    static List<String> suiteBlock(SuiteReport r, boolean verbose) {
        List<String> out = new ArrayList<>();
        out.add("== " + r.suite());
        for (TestRecord t : r.tests()) {
            out.add("  " + label(t.status()) + "  " + t.shortName()
                    + (t.message() == null ? "" : "\n          " + shorten(t.message(), verbose)));
        }
        for (RefusedCalls.Refusal refused : r.refusedCalls()) { // woven page objects, refused while the shop is down
            out.add("  page object " + shorten(refused.describe(), verbose));
        }
        if (!r.gridNodes().isEmpty()) {
            out.add("  its Grid nodes' circuits:");
            r.gridNodes().forEach(n -> out.add("    " + n.line()));
        }
        out.add("  " + r.summaryLine());
        return out;
    }

    /** The summary of every suite, and of the whole run: the totals and, on a Grid, each node over all suites. */
    static List<String> summary(List<SuiteReport> reports, boolean circuitOn, String grid, Duration wall) {
        List<String> out = new ArrayList<>();
        out.add("Summary (" + (circuitOn ? "circuit breaker ON" : "circuit breaker OFF") + ")");
        for (SuiteReport r : reports) {
            out.add("  " + r.summaryLine());
        }
        if (grid != null && !grid.isBlank()) { // --grid: one circuit per node of the Grid, made anew for each suite
            out.add("  Selenium Grid " + grid + ", its nodes' circuits over the whole run (all suites):");
            for (NodeTally n : NodeTally.overRuns(reports.stream().map(SuiteReport::gridNodes).toList())) {
                out.add("    " + n.line());
            }
        }
        long total = reports.stream().mapToLong(r -> r.tests().size()).sum();
        out.add(String.format("  total: %d tests run, %d passed, %d failed, %d skipped; circuits opened: %d;"
                        + " wall time %.1f s", total,
                reports.stream().mapToLong(r -> r.count(TestRecord.Status.PASSED)).sum(),
                reports.stream().mapToLong(r -> r.count(TestRecord.Status.FAILED)).sum(),
                reports.stream().mapToLong(r -> r.count(TestRecord.Status.SKIPPED)).sum(),
                reports.stream().mapToLong(SuiteReport::timesOpened).sum(),
                wall.toMillis() / 1000.0));
        return out;
    }

    private static String label(TestRecord.Status s) {
        return switch (s) {
            case PASSED -> "PASS   ";
            case FAILED -> "FAIL   ";
            case SKIPPED -> "SKIPPED";
        };
    }

    private static String shorten(String message, boolean verbose) {
        return verbose || message.length() <= 260 ? message : message.substring(0, 257) + "...";
    }
}
