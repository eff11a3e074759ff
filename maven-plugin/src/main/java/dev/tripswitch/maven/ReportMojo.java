package dev.tripswitch.maven;

import dev.tripswitch.report.command.HistoryCommands;
import dev.tripswitch.report.command.RunSelection;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.util.Set;

/**
 * {@code mvn dev.tripswitch:tripswitch-maven-plugin:report}: the HTML run report over a range of runs of the
 * history — the timeline of one run (the newest of the range unless {@code -Dtripswitch.run} names one) and the
 * trends across the range. Offline, one file.
 */
@Mojo(name = "report", requiresProject = false, aggregator = true, threadSafe = true)
public class ReportMojo extends HistoryGoal {

    /** Which runs: all, last:N, 2026-12-01..2026-12-07, id..id, or ids separated by commas. */
    @Parameter(property = "tripswitch.runs", defaultValue = "last:50")
    String runs;

    /** The run whose timeline is shown (default: the newest of the range). */
    @Parameter(property = "tripswitch.run")
    String run;

    /** Where the report goes. */
    @Parameter(property = "tripswitch.output", defaultValue = "${project.build.directory}/tripswitch-report.html")
    File output;

    @Override
    Set<String> options() {
        return Set.of("tripswitch.runs", "tripswitch.run", "tripswitch.output");
    }

    @Override
    void run(HistoryCommands commands) throws IOException {
        commands.report(RunSelection.parse("-Dtripswitch.runs", runs), "-Dtripswitch.run", run,
                output(output, "tripswitch-report.html").toPath());
    }

    /** The output given, or a file of that name in the working directory when there is no project. */
    static File output(File given, String name) {
        return given == null || given.getPath().contains("${") ? new File(name) : given;
    }
}
