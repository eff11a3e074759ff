package dev.tripswitch.maven;

import dev.tripswitch.report.command.HistoryCommands;
import dev.tripswitch.report.command.RunSelection;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mvn dev.tripswitch:tripswitch-maven-plugin:export}: the runs of the history as CSV or JSON, a row per run
 * and circuit ({@code -Dtripswitch.level=runs}) or per test ({@code tests}), for spreadsheets and other tools.
 */
@Mojo(name = "export", requiresProject = false, aggregator = true, threadSafe = true)
public class ExportMojo extends HistoryGoal {

    /** Which runs: all, last:N, 2026-12-01..2026-12-07, id..id, or ids separated by commas. */
    @Parameter(property = "tripswitch.runs", defaultValue = "all")
    String runs;

    /** csv or json. */
    @Parameter(property = "tripswitch.format", defaultValue = "csv")
    String format;

    /** runs (a row per run and circuit) or tests (a row per test). */
    @Parameter(property = "tripswitch.level", defaultValue = "runs")
    String level;

    /** Where the export goes (default: target/tripswitch-history.csv or .json). */
    @Parameter(property = "tripswitch.output")
    File output;

    @Override
    Set<String> options() {
        return Set.of("tripswitch.runs", "tripswitch.format", "tripswitch.level", "tripswitch.output");
    }

    @Override
    void run(HistoryCommands commands) throws IOException {
        HistoryCommands.Format f = switch (format == null ? "" : format.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> HistoryCommands.Format.CSV;
            case "json" -> HistoryCommands.Format.JSON;
            default -> throw refused("-Dtripswitch.format", format, "csv or json");
        };
        HistoryCommands.Level l = switch (level == null ? "" : level.trim().toLowerCase(Locale.ROOT)) {
            case "runs" -> HistoryCommands.Level.RUNS;
            case "tests" -> HistoryCommands.Level.TESTS;
            default -> throw refused("-Dtripswitch.level", level, "runs (a row per run and circuit) or tests (a row"
                    + " per test)");
        };
        File out = output != null ? output : new File(top().resolve("target").toFile(),
                "tripswitch-history." + f.name().toLowerCase(Locale.ROOT));
        commands.export(RunSelection.parse("-Dtripswitch.runs", runs), f, l, out.toPath());
    }
}
