package dev.tripswitch.maven;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitState;
import dev.tripswitch.FixtureProjects;
import dev.tripswitch.history.CircuitRecord;
import dev.tripswitch.history.RunRecord;
import dev.tripswitch.history.TestMark;
import dev.tripswitch.report.HistoryRecorder;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.Parts;
import dev.tripswitch.report.history.RunHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goals run by a real Maven, as a user types them: {@code mvn dev.tripswitch:tripswitch-maven-plugin:<version>:
 * history}, in a folder whose history sits at the default place. Maven runs offline against a local repository of
 * its own, holding this build's jars and the few artifacts they need, copied from the user's repository (which is
 * read, never written).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a ceiling for a loaded machine
class PluginInMavenTest {

    private static final Pattern MISSING = Pattern.compile(
            "(?:artifact|Could not find artifact) ([\\w.-]+):([\\w.-]+):(?:[\\w-]+:)?([\\w.-]+) has not been downloaded"
                    + "|Could not find artifact ([\\w.-]+):([\\w.-]+):[\\w-]+:([\\w.-]+)");

    private static Path work;
    private static Path repo;
    private static String plugin;

    @BeforeAll
    static void aPrivateRepositoryAndAHistory() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        work = target.resolve("plugin-in-maven");
        FixtureProjects.deleteTree(work);
        repo = work.resolve("repository");
        Path project = work.resolve("shop");
        Files.createDirectories(project.resolve(".mvn"));
        String version = "0.1.0-SNAPSHOT";
        Path libs = work.resolve("libs");
        put("tripswitch-parent", version, Path.of("..", "pom.xml").toAbsolutePath(), "pom");
        put("tripswitch-core", version, Path.of("..", "core", "pom.xml").toAbsolutePath(), "pom");
        put("tripswitch-core", version, FixtureProjects.jarOf(CircuitBreaker.class, libs.resolve("core.jar")), "jar");
        put("tripswitch-report", version, Path.of("..", "report", "pom.xml").toAbsolutePath(), "pom");
        put("tripswitch-report", version, FixtureProjects.jarOf(HistoryRecorder.class, libs.resolve("report.jar")),
                "jar");
        put("tripswitch-maven-plugin", version, Path.of("pom.xml").toAbsolutePath(), "pom");
        put("tripswitch-maven-plugin", version, FixtureProjects.jarOf(ReportMojo.class, libs.resolve("plugin.jar")),
                "jar");
        plugin = "dev.tripswitch:tripswitch-maven-plugin:" + version;
        RunHistory h = new RunHistory(new FolderHistory(project.resolve(".tripswitch/history")));
        for (int i = 1; i <= 3; i++) {
            h.write(Parts.of(run("run-" + i, Instant.parse("2026-12-0" + i + "T09:00:00Z"))));
        }
    }

    @Test
    void history_printsTheTable_fromTheDefaultHistoryAtTheTopOfTheBuild() throws Exception {
        String log = maven(plugin + ":history", "-Dtripswitch.runs=last:2");
        assertThat(log).contains("BUILD SUCCESS").contains("Run history in folder " + work.resolve(
                "shop/.tripswitch/history") + ": 2 runs (last:2)").contains("circuit 'shop'");
        assertThat(log).containsPattern("\\[INFO]   run-3 +2026-12-03 09:00").doesNotContain("  run-1 ");
    }

    @Test
    void report_writesTheHtmlWhereItIsAsked() throws Exception {
        Path out = work.resolve("out/report.html");
        String log = maven(plugin + ":report", "-Dtripswitch.runs=all", "-Dtripswitch.output=" + out);
        assertThat(log).contains("Tripswitch: report over 3 runs (run run-3 shown): " + out);
        assertThat(Files.readString(out)).contains("Trends across 3 runs");
    }

    @Test
    void anUnknownOption_failsTheBuildNamingIt() throws Exception {
        String log = maven(plugin + ":export", "-Dtripswitch.fromat=json");
        assertThat(log).contains("BUILD FAILURE").contains("-Dtripswitch.fromat=json is refused: no option of this"
                + " goal; its options are -Dtripswitch.format, -Dtripswitch.history, -Dtripswitch.level,"
                + " -Dtripswitch.output, -Dtripswitch.runs");
    }

    /** Runs Maven offline in the project folder; copies what it lacks from the user's repository, then runs again. */
    private static String maven(String... args) throws Exception {
        for (int attempt = 0; attempt < 40; attempt++) {
            List<String> command = new ArrayList<>(List.of(FixtureProjects.maven(), "-B", "-o", "--no-transfer-progress",
                    "-Dmaven.repo.local=" + repo));
            command.addAll(List.of(args));
            Path log = work.resolve("maven.log");
            Process p = new ProcessBuilder(command).directory(work.resolve("shop").toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("Maven did not finish: " + command);
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = MISSING.matcher(text);
            if (!m.find()) {
                return text;
            }
            String group = m.group(1) != null ? m.group(1) : m.group(4);
            String artifact = m.group(1) != null ? m.group(2) : m.group(5);
            String version = m.group(1) != null ? m.group(3) : m.group(6);
            Path from = userRepository().resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
            if (!Files.isDirectory(from)) {
                throw new AssertionError("Maven needs " + group + ":" + artifact + ":" + version + ", which the user's"
                        + " repository does not hold either:\n" + text);
            }
            FixtureProjects.copyTree(from, repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        }
        throw new AssertionError("Maven kept asking for more artifacts");
    }

    private static Path userRepository() {
        String local = System.getProperty("maven.repo.local");
        return local != null && !local.isBlank() ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void put(String artifact, String version, Path file, String extension) throws IOException {
        Path dir = repo.resolve("dev/tripswitch").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(file, dir.resolve(artifact + "-" + version + "." + extension));
    }

    private static RunRecord run(String id, Instant start) {
        List<TestMark> marks = List.of(new TestMark("junit5", "ShopTest", "t()", null, TestMark.Fate.PASSED, start,
                100, 0, false, false, null));
        CircuitRecord shop = new CircuitRecord("shop", "memory", CircuitState.CLOSED, Map.of(), List.of(), List.of(),
                marks);
        return new RunRecord(id, "p", start, start.plusSeconds(1), new RunRecord.Jvm("ci", 1, "17", "/", null,
                List.of("junit5")), List.of(shop));
    }
}
