package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.history.RunRecord;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Which run a record belongs to, and which part of it: the forks of one Maven build share the run id, made of the
 * Maven process's start time and id ({@link BuildProcess}); any other JVM makes one of its own. CI shards on several
 * machines give one with {@value #RUN_ID} (a system property, or {@code tripswitch.properties}).
 */
public final class RunIdentity {

    public static final String RUN_ID = "tripswitch.run.id";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final AtomicInteger PARTS = new AtomicInteger();
    /** The JVM's own run id and host name: looked up once (the process table, perhaps DNS), not at every run's end. */
    private static volatile String buildRunId;
    private static volatile String host;

    private RunIdentity() {
    }

    /**
     * The run id in force: {@value #RUN_ID} from a system property, else from {@code tripswitch.properties}, else
     * the build's ({@code 20261207-104512-4242}: the Maven process's start, UTC, and its id). A bad value is refused
     * with a message naming the setting, the value, what is allowed and where it was given.
     */
    public static String runId() {
        String value = System.getProperty(RUN_ID);
        String origin = "system property";
        if (value == null) {
            Map.Entry<String, String> fromFile = RunProperties.fromClasspathFile(RUN_ID);
            value = fromFile == null ? null : fromFile.getValue();
            origin = fromFile == null ? null : fromFile.getKey();
        }
        if (value == null || value.isBlank()) {
            String id = buildRunId;
            if (id == null) {
                ProcessHandle p = BuildProcess.ofThisFork().orElse(ProcessHandle.current());
                Instant started = p.info().startInstant().orElse(Instant.EPOCH);
                id = STAMP.format(started) + "-" + p.pid();
                buildRunId = id;
            }
            return id;
        }
        if (!ALLOWED.matcher(value.trim()).matches()) {
            throw new CircuitConfigurationException(RUN_ID + "=" + value + " (" + origin + ") is refused: must be 1 to"
                    + " 100 letters, digits, '.', '_' or '-' (it names files of the run history)");
        }
        return value.trim();
    }

    /** A new part id of this JVM: host, process id, and a number counting the JVM's parts. */
    public static String nextPartId() {
        return host().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + ProcessHandle.current().pid() + "-"
                + PARTS.incrementAndGet();
    }

    /** This JVM, as a record shows it. */
    public static RunRecord.Jvm jvm(List<String> frameworks) {
        return new RunRecord.Jvm(host(), ProcessHandle.current().pid(), System.getProperty("java.version"),
                System.getProperty("user.dir"), fork(), frameworks);
    }

    /**
     * The Surefire fork number: {@code surefire.forkNumber} when the build hands it over, else the number in the
     * booter's arguments ({@code ...-jvmRun2}); {@code null} outside a fork.
     */
    private static String fork() {
        String given = System.getProperty("surefire.forkNumber");
        if (given != null || !BuildProcess.isSurefireFork()) {
            return given;
        }
        java.util.regex.Matcher m = Pattern.compile("jvmRun(\\d+)").matcher(System.getProperty("sun.java.command", ""));
        return m.find() ? m.group(1) : null;
    }

    private static String host() {
        String name = host;
        if (name == null) {
            name = lookUpHost();
            host = name;
        }
        return name;
    }

    private static String lookUpHost() {
        String name = System.getenv("HOSTNAME");
        if (name == null || name.isBlank()) {
            name = System.getenv("COMPUTERNAME");
        }
        if (name == null || name.isBlank()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | SecurityException e) {
                name = "localhost";
            }
        }
        return name;
    }
}
