package dev.tripswitch.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where a run ran: read from the machine, never typed in. */
public final class MachineInfo {

    /** Names the commit of a run from a copied class path. */
    public static final String COMMIT_PROPERTY = "tripswitch.bench.commit";

    private MachineInfo() {
    }

    public static Map<String, String> collect(boolean withBrowsers) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nproc", String.valueOf(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", cpuModel());
        m.put("memory (free -h)", run("free", "-h").lines().filter(l -> l.startsWith("Mem:")).findFirst()
                .map(l -> l.replaceAll("\\s+", " ")).orElse("unknown"));
        m.put("java", System.getProperty("java.runtime.name", "") + " " + System.getProperty("java.runtime.version", "")
                + " (" + System.getProperty("java.vm.name", "") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        if (withBrowsers) {
            m.put("chromium", lastLine(run("chromium", "--version")));
            m.put("chromedriver", lastLine(run("chromedriver", "--version")));
        }
        m.put("load average at start", loadAverage());
        return m;
    }

    /** Debian's chromium wrapper may print a shell warning before the version. */
    private static String lastLine(String out) {
        List<String> lines = out.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "unknown" : lines.get(lines.size() - 1);
    }

    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * The commit of the code that ran: the system property {@value #COMMIT_PROPERTY} when set (a run from a copy
     * of the class path, while the work tree moves on), else the work tree's HEAD.
     */
    public static String commit() {
        String given = System.getProperty(COMMIT_PROPERTY);
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        String c = run("git", "rev-parse", "--short", "HEAD").trim();
        return c.isEmpty() || c.contains("fatal") ? null : c;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return p.exitValue() == 0 ? out : "";
        } catch (Exception e) {
            return "";
        }
    }
}
