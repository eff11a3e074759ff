package dev.tripswitch.report.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where the history is kept when {@code tripswitch.history} does not say: {@code .tripswitch/history} at the top of
 * the build, so that it survives {@code mvn clean} (it is not under {@code target/}) and every module of a
 * multi-module build — each of whose Surefire forks runs in its own module's folder — finds the same one. The top is,
 * looking up from the working directory:
 * <ol>
 *   <li>the nearest folder holding {@code .mvn} — what Maven itself takes for the top of a build;</li>
 *   <li>else the nearest folder holding {@code .git} (a folder, or a file in a worktree): the repository's root;</li>
 *   <li>else where Maven was started ({@code maven.multiModuleProjectDirectory}, handed to the forks in the
 *       environment as {@code MAVEN_PROJECTBASEDIR}), when it encloses the working directory;</li>
 *   <li>else the working directory.</li>
 * </ol>
 */
public final class DefaultLocation {

    /** The folder under the top of the build. */
    public static final String FOLDER = ".tripswitch";

    private DefaultLocation() {
    }

    /** The default history folder for a JVM working in {@code workingDirectory}. */
    public static Path historyFolder(Path workingDirectory, Function<String, String> environment) {
        return topOfBuild(workingDirectory, environment).resolve(FOLDER).resolve("history");
    }

    /** The top of the build that {@code workingDirectory} belongs to (see the class comment). */
    public static Path topOfBuild(Path workingDirectory, Function<String, String> environment) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        Path found = nearestHolding(start, ".mvn", true);
        if (found == null) {
            found = nearestHolding(start, ".git", false);
        }
        if (found == null) {
            String maven = System.getProperty("maven.multiModuleProjectDirectory");
            if (maven == null || maven.isBlank()) {
                maven = environment.apply("MAVEN_PROJECTBASEDIR");
            }
            if (maven != null && !maven.isBlank()) {
                Path m = Path.of(maven).toAbsolutePath().normalize();
                found = start.startsWith(m) ? m : null;
            }
        }
        return found != null ? found : start;
    }

    private static Path nearestHolding(Path start, String name, boolean mustBeFolder) {
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve(name);
            if (mustBeFolder ? Files.isDirectory(candidate) : Files.exists(candidate)) {
                return p;
            }
        }
        return null;
    }
}
