package dev.tripswitch.store;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.CircuitState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.tripswitch.FixtureProjects.copyTree;
import static dev.tripswitch.FixtureProjects.deleteTree;
import static dev.tripswitch.FixtureProjects.jarOf;
import static dev.tripswitch.FixtureProjects.maven;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Surefire build with {@code forkCount=3} (src/test/resources/file-store-fixture): three forks share the
 * circuit 'inventory' through the file store that one line of its tripswitch.properties switches on, scoped by
 * default to the Maven process that forked them. The store's state file is read back after the build.
 */
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class FileStoreForksTest {

    @Test
    void threeForks_shareOneCircuit_failuresCountedOnceAndTotalsExact() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path project = target.resolve("file-store-fixture-run");
        deleteTree(project);
        copyTree(Path.of(getClass().getResource("/file-store-fixture").toURI()), project);
        Path out = Files.createDirectories(project.resolve("out"));
        Path coreJar = jarOf(CircuitBreaker.class, target.resolve("file-store-fixture-libs/tripswitch-core.jar"));
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "--no-transfer-progress",
                "-Dtripswitch.core.jar=" + coreJar, "-Dfixture.out=" + out));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("test");
        Path log = project.resolve("build.log");
        Process build = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        String mavenScope = "build-" + build.pid() + "-" + build.info().startInstant().orElseThrow().toEpochMilli();
        boolean done = build.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            build.destroyForcibly().waitFor();
        }
        String buildLog = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the fixture build finished in time").isTrue();
        assertThat(build.exitValue()).as("fixture build exit code; its log:%n%s", buildLog).isZero();
        assertThat(buildLog).contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0");

        Set<String> pids = new HashSet<>();
        Set<String> scopes = new HashSet<>();
        for (String fork : List.of("one", "two", "three")) {
            String[] ready = Files.readString(out.resolve("ready-" + fork)).split(" ");
            pids.add(ready[0]);
            scopes.add(ready[1]);
        }
        assertThat(pids).as("three forks").hasSize(3);
        assertThat(scopes).as("one scope: the Maven process").containsExactly(mavenScope);

        int failed = 0;
        int refused = 0;
        for (String fork : List.of("one", "two", "three")) {
            String[] result = Files.readString(out.resolve("result-" + fork)).split(" ");
            failed += Integer.parseInt(result[0]);
            refused += Integer.parseInt(result[1]);
        }
        assertThat(failed).as("calls that reached the broken inventory, all forks").isEqualTo(3);
        assertThat(refused).isEqualTo(9);

        Path scopeDir = Path.of(System.getProperty("java.io.tmpdir"), FileStoreProvider.DEFAULT_DIRECTORY,
                scopes.iterator().next());
        FileCircuitStore store = new FileCircuitStore(scopeDir, Duration.ofSeconds(2));
        try {
            SharedState s = store.apply("inventory", CircuitBreakerConfig.ofDefaults(),
                    StoreOperation.read(SharedState.Totals.NONE));
            assertThat(s.state()).isEqualTo(CircuitState.OPEN);
            assertThat(s.totals()).isEqualTo(new SharedState.Totals(15, 3, 0, 9, 1));
            assertThat(s.lastFailure().message()).isEqualTo("inventory down");
        } finally {
            store.close();
            deleteTree(scopeDir);
        }
    }
}
