package dev.tripswitch.maven;

import dev.tripswitch.report.command.HistoryCommands;
import dev.tripswitch.report.command.RunSelection;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.util.Set;

/**
 * {@code mvn dev.tripswitch:tripswitch-maven-plugin:history}: a table of the last runs per circuit, in the terminal
 * — tests, passed, failed, skipped, deferred, waited, openings (blips), outage and the time the counted failures took.
 */
@Mojo(name = "history", requiresProject = false, aggregator = true, threadSafe = true)
public class HistoryMojo extends HistoryGoal {

    /** Which runs: all, last:N, 2026-12-01..2026-12-07, id..id, or ids separated by commas. */
    @Parameter(property = "tripswitch.runs", defaultValue = "last:10")
    String runs;

    /** Only this circuit (default: every circuit of the runs). */
    @Parameter(property = "tripswitch.circuit")
    String circuit;

    @Override
    Set<String> options() {
        return Set.of("tripswitch.runs", "tripswitch.circuit");
    }

    @Override
    void run(HistoryCommands commands) throws IOException {
        commands.history(RunSelection.parse("-Dtripswitch.runs", runs), "-Dtripswitch.circuit", circuit);
    }
}
