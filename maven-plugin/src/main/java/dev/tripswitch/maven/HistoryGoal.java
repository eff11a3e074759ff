package dev.tripswitch.maven;

import dev.tripswitch.report.command.HistoryCommands;
import dev.tripswitch.report.history.HistorySettings;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the goals over the run history share: where the history is — {@code tripswitch.history}, else the default
 * folder the build's test runs found, {@code .tripswitch/history} at the top of the build (the same rule, looked up
 * from Maven's top directory) — and the check of the options given as {@code -Dtripswitch.<option>}: an option
 * Tripswitch does not know is refused, naming it and the options allowed.
 */
abstract class HistoryGoal extends AbstractMojo {

    /** Run-wide Tripswitch settings that may sit on the same command line as a goal (a build that also runs tests). */
    private static final Set<String> SETTINGS = Set.of("tripswitch.enabled", "tripswitch.store", "tripswitch.history",
            "tripswitch.browser");

    /** Where the history is: a folder or a history store URI ({@code redis://...}); default as the test runs find it. */
    @Parameter(property = "tripswitch.history")
    String history;

    /** Maven's top directory: where the default history is looked up from. */
    @Parameter(defaultValue = "${session.request.multiModuleProjectDirectory}", readonly = true)
    File topDirectory;

    /** The command line's properties, checked for options no goal knows. */
    @Parameter(defaultValue = "${session.userProperties}", readonly = true)
    Properties userProperties;

    /** The options of this goal, as {@code -D} names. */
    abstract Set<String> options();

    /** Runs the goal's command; what it prints goes to Maven's log. */
    abstract void run(HistoryCommands commands) throws IOException;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        checkOptions();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try {
            run(new HistoryCommands(settings(), getClass().getClassLoader(), out));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Tripswitch: the history could not be read or the output written: " + e,
                    e);
        } finally {
            out.flush();
            printed.toString(StandardCharsets.UTF_8).lines().forEach(l -> getLog().info(l));
        }
    }

    private HistorySettings settings() {
        Map<String, HistorySettings.Given> given = new TreeMap<>();
        if (history != null && !history.isBlank()) {
            given.put(HistorySettings.HISTORY, new HistorySettings.Given(history, "-Dtripswitch.history or the"
                    + " plugin's configuration"));
        }
        return HistorySettings.from(given, top(), System::getenv);
    }

    /** Where the default history is looked up from. */
    Path top() {
        return topDirectory != null ? topDirectory.toPath() : Path.of(System.getProperty("user.dir"));
    }

    private void checkOptions() throws MojoFailureException {
        if (userProperties == null) {
            return;
        }
        Set<String> allowed = new TreeSet<>(options());
        allowed.add("tripswitch.history");
        List<String> unknown = new ArrayList<>();
        for (String key : userProperties.stringPropertyNames()) {
            if (key.startsWith("tripswitch.") && key.indexOf('.', "tripswitch.".length()) < 0
                    && !allowed.contains(key) && !SETTINGS.contains(key)) {
                unknown.add("-D" + key + "=" + userProperties.getProperty(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new MojoFailureException(String.join(", ", new TreeSet<>(unknown)) + " is refused: no option of this"
                    + " goal; its options are " + String.join(", ", allowed.stream().map(o -> "-D" + o).toList()));
        }
    }

    static IllegalArgumentException refused(String option, String value, String allowed) {
        return new IllegalArgumentException(option + "=" + value + " is refused: must be " + allowed);
    }
}
