package dev.tripswitch.bench.grid;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local Selenium Grid started by {@code scripts/grid-demo.sh} (hub and nodes as separate processes on 127.0.0.1,
 * the event bus included; broken nodes' drivers exit at session start) and stopped by the same script, which kills
 * every process it started by PID and checks that none is left.
 */
final class ScriptedGrid implements AutoCloseable {

    private static final Path SCRIPT = Path.of("scripts", "grid-demo.sh");
    private static final long START_CEILING_MINUTES = 10;

    private final Path dir;
    private final URI address;
    private final List<URI> broken;

    private ScriptedGrid(Path dir, URI address, List<URI> broken) {
        this.dir = dir; // absolute
        this.address = address;
        this.broken = broken;
    }

    /**
     * Starts a Grid of {@code healthy} working nodes and {@code brokenNodes} broken ones (their {@code part} fails
     * at session start) in {@code dir}; the Grid's class path is taken from {@code classpathFrom} when given (else
     * resolved by Maven).
     */
    static ScriptedGrid start(Path directory, int healthy, int brokenNodes, BrokenPart part, Path classpathFrom)
            throws IOException, InterruptedException {
        Path dir = directory.toAbsolutePath();
        if (!Files.isExecutable(SCRIPT)) {
            throw new IllegalStateException("--grid needs " + SCRIPT + " (run from the repository root, as"
                    + " run_circuit_breaker_benchmark.sh does); not found in " + Path.of("").toAbsolutePath());
        }
        Files.createDirectories(dir);
        if (classpathFrom != null && Files.isRegularFile(classpathFrom)) {
            Files.copy(classpathFrom, dir.resolve("classpath"));
        }
        Path log = dir.resolve("start.log");
        Process p = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString(), String.valueOf(healthy),
                String.valueOf(brokenNodes), part.scriptName()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(START_CEILING_MINUTES, TimeUnit.MINUTES);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            stop(dir);
            throw new IllegalStateException("the Grid did not start (" + SCRIPT + " start " + dir + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        URI address = URI.create(Files.readString(dir.resolve("address"), StandardCharsets.UTF_8).trim());
        List<URI> broken = Files.readAllLines(dir.resolve("broken"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(l -> URI.create(l.trim())).toList();
        return new ScriptedGrid(dir, address, broken);
    }

    URI address() {
        return address;
    }

    List<URI> brokenNodes() {
        return broken;
    }

    Path classpathFile() {
        return dir.resolve("classpath");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop(dir);
    }

    private static void stop(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stop.log").toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the Grid in " + dir + " was not stopped cleanly: "
                    + Files.readString(dir.resolve("stop.log"), StandardCharsets.UTF_8));
        }
    }
}
