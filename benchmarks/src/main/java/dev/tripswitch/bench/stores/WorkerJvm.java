package dev.tripswitch.bench.stores;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StoreWorker} in a JVM of its own, started with {@link ProcessBuilder} on this JVM's class path and
 * stopped by its PID. Its output is read by a thread of its own; {@link #await} waits for the next line that
 * starts with a given word and keeps the rest for error messages.
 */
final class WorkerJvm implements AutoCloseable {

    private static final String END = "\u0000end";

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private WorkerJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "output of " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code StoreWorker args} with {@code properties} as system properties. */
    static WorkerJvm start(String name, Map<String, String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> command.add("-D" + e.getKey() + "=" + e.getValue()));
        command.add(StoreWorker.class.getName());
        command.addAll(List.of(args));
        return new WorkerJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process is gone: END below says so
        }
        lines.add(END);
    }

    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /** The words after {@code word} on the next line that starts with it; fails after {@code timeout}. */
    String[] await(String word, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new IllegalStateException(name + (line == null ? " said no " + word + " within " + timeout
                        : " exited before it said " + word) + "; its output: " + String.join(" | ", transcript));
            }
            transcript.add(line);
            if (!line.startsWith(word + " ") && !line.equals(word) && !line.contains("RESP3")) {
                System.err.println("[" + name + "] " + line); // what the JVM said besides the protocol: warnings
            }
            String[] words = line.trim().split(" ");
            if (words[0].equals(word)) {
                String[] rest = new String[words.length - 1];
                System.arraycopy(words, 1, rest, 0, rest.length);
                return rest;
            }
        }
    }

    /**
     * Waits for the JVM to exit by itself (it has said all it had to); fails when it exits with an error or when
     * it said its store failed (its circuit ran unshared, so a shared-store figure would be wrong).
     */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " did not exit within " + timeout);
        }
        for (String line; (line = lines.poll(10, TimeUnit.SECONDS)) != null && !line.equals(END); ) {
            transcript.add(line);
            if (!line.contains("RESP3")) {
                System.err.println("[" + name + "] " + line);
            }
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its output: "
                    + String.join(" | ", transcript));
        }
        if (transcript.stream().anyMatch(l -> l.contains("carry on unshared"))) {
            throw new IllegalStateException(name + " lost its store and ran unshared; its output: "
                    + String.join(" | ", transcript));
        }
    }

    /** Stops the JVM by its PID if it still runs (forcibly after 10 s). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
