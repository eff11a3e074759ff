package dev.tripswitch.maven;

import dev.tripswitch.report.command.HistoryCommands;
import dev.tripswitch.report.command.RunSelection;
import dev.tripswitch.report.suggest.CandidateGrid;
import dev.tripswitch.report.suggest.Suggester;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code mvn dev.tripswitch:tripswitch-maven-plugin:suggest}: settings from the run history. For each circuit with
 * enough runs, its recorded runs are replayed through the circuit for a grid of candidate settings, scored by what
 * a user pays (failures, time on doomed tests, tests skipped that would have passed, openings on blips), fitted on
 * the older runs and checked on the newer ones; it prints the current and the suggested settings' cost, why, and
 * the annotation attributes or {@code tripswitch.properties} lines to paste.
 */
@Mojo(name = "suggest", requiresProject = false, aggregator = true, threadSafe = true)
public class SuggestMojo extends HistoryGoal {

    /** Which runs: all, last:N, 2026-12-01..2026-12-07, id..id, or ids separated by commas. */
    @Parameter(property = "tripswitch.runs", defaultValue = "last:50")
    String runs;

    /** Only this circuit (default: every circuit of the runs). */
    @Parameter(property = "tripswitch.circuit")
    String circuit;

    /** The fewest runs of a circuit a suggestion is made from. */
    @Parameter(property = "tripswitch.minRuns", defaultValue = "8")
    String minRuns;

    /** Allow settings that would have opened on a blip of the history. */
    @Parameter(property = "tripswitch.allowBlipOpenings", defaultValue = "false")
    String allowBlipOpenings;

    /** Candidates for failureThreshold: a range low..high or a list. */
    @Parameter(property = "tripswitch.failureThreshold")
    String failureThreshold;

    /** Candidates for halfOpenAfter: a range low..high or a list. */
    @Parameter(property = "tripswitch.halfOpenAfter")
    String halfOpenAfter;

    /** Candidates for recoveryTimeout: a range low..high or a list. */
    @Parameter(property = "tripswitch.recoveryTimeout")
    String recoveryTimeout;

    /** Candidates for whenOpen: SKIP, WAIT, REPLAY, separated by commas. */
    @Parameter(property = "tripswitch.whenOpen")
    String whenOpen;

    /** Candidates for maxWait (with WAIT): a range low..high or a list. */
    @Parameter(property = "tripswitch.maxWait")
    String maxWait;

    /** Candidates for healthCheckInterval (circuits with a health check): a range low..high or a list. */
    @Parameter(property = "tripswitch.healthCheckInterval")
    String healthCheckInterval;

    @Override
    Set<String> options() {
        Set<String> out = new TreeSet<>(Set.of("tripswitch.runs", "tripswitch.circuit", "tripswitch.minRuns",
                "tripswitch.allowBlipOpenings"));
        CandidateGrid.SETTINGS.forEach(s -> out.add("tripswitch." + s));
        return out;
    }

    @Override
    void run(HistoryCommands commands) throws IOException {
        Map<String, String> grid = new LinkedHashMap<>();
        grid.put("failureThreshold", failureThreshold);
        grid.put("halfOpenAfter", halfOpenAfter);
        grid.put("recoveryTimeout", recoveryTimeout);
        grid.put("whenOpen", whenOpen);
        grid.put("maxWait", maxWait);
        grid.put("healthCheckInterval", healthCheckInterval);
        grid.values().removeIf(v -> v == null || v.isBlank());
        Suggester suggester = new Suggester(CandidateGrid.parse(grid, s -> "-Dtripswitch." + s),
                minRuns(), allowBlips());
        commands.suggest(RunSelection.parse("-Dtripswitch.runs", runs), "-Dtripswitch.circuit", circuit, suggester);
    }

    private int minRuns() {
        String allowed = "a whole number from " + Suggester.LEAST_MIN_RUNS + " to 100000";
        try {
            int n = Integer.parseInt(minRuns.trim());
            if (n >= Suggester.LEAST_MIN_RUNS && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // refused below
        }
        throw refused("-Dtripswitch.minRuns", minRuns, allowed + " (one run to fit on, one to check on)");
    }

    private boolean allowBlips() {
        String v = allowBlipOpenings == null ? "false" : allowBlipOpenings.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw refused("-Dtripswitch.allowBlipOpenings", allowBlipOpenings, "true or false");
    }
}
