package dev.tripswitch.allure;

import dev.tripswitch.CircuitBreakerRegistry;
import dev.tripswitch.CircuitSnapshot;
import dev.tripswitch.dependency.Dependency;
import io.qameta.allure.util.PropertiesUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes {@code categories.json} (circuit skips and infrastructure failures apart from product failures) and
 * the circuits' configuration into {@code environment.properties} of the Allure results directory, merging
 * with what is there: entries the user wrote are kept as they are.
 */
final class AllureResultsFiles {

    private static final System.Logger LOG = System.getLogger(AllureResultsFiles.class.getName());
    private static final Set<String> CIRCUITS_WRITTEN = ConcurrentHashMap.newKeySet();

    static final String SKIPPED_CATEGORY = "Skipped: circuit open";
    static final String INFRA_CATEGORY = "Infrastructure failure (tripped the circuit)";

    private AllureResultsFiles() {
    }

    static Path resultsDirectory() {
        return Paths.get(PropertiesUtils.loadAllureProperties().getProperty("allure.results.directory",
                "allure-results"));
    }

    /** Writes both files the first time a run meets {@code circuit}. Failures are logged, never thrown. */
    static void ensureWritten(CircuitSnapshot circuit) {
        if (!CIRCUITS_WRITTEN.add(circuit.name())) {
            return;
        }
        try {
            synchronized (AllureResultsFiles.class) {
                Path dir = resultsDirectory();
                Files.createDirectories(dir);
                mergeCategories(dir.resolve("categories.json"));
                if (circuit.name().startsWith(Dependency.CIRCUIT_PREFIX)) {
                    mergeDependencyCategory(dir.resolve("categories.json"),
                            circuit.name().substring(Dependency.CIRCUIT_PREFIX.length()));
                }
                mergeEnvironment(dir.resolve("environment.properties"), circuit.name());
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "Tripswitch could not write Allure categories/environment", e);
        }
    }

    static void mergeCategories(Path file) throws IOException {
        String ours = String.join(",\n",
                category(SKIPPED_CATEGORY, "[\"skipped\"]", "\"messageRegex\": \"(?s).*circuit '.*' is (OPEN|HALF_OPEN).*\""),
                category(INFRA_CATEGORY, "[\"failed\", \"broken\"]",
                        "\"traceRegex\": \"(?s).*\\\\[tripswitch\\\\] this failure counted against circuit.*\""));
        // No "Product defects" / "Test defects" entries: Allure puts a result into every category that matches,
        // so catch-alls by status would list each infrastructure failure twice. Allure adds those two itself
        // for failed and broken results that match no category.
        String content;
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (existing.contains(SKIPPED_CATEGORY)) {
                return;
            }
            // the user's categories come first: Allure puts a result in the first category that matches
            String inner = existing.startsWith("[") && existing.endsWith("]")
                    ? existing.substring(1, existing.length() - 1).trim() : "";
            content = "[\n" + (inner.isEmpty() ? "" : inner + ",\n") + ours + "\n]\n";
        } else {
            content = "[\n" + ours + "\n]\n";
        }
        writeAtomically(file, content);
    }

    /** The category of a dependency circuit's failures and skips: "Infrastructure: shop:8080 down". */
    static String dependencyCategory(String dependency) {
        return "Infrastructure: " + dependency + " down";
    }

    /**
     * Adds the category of one dependency ({@code tripswitch.dependencies=auto}): its counted failures and the tests
     * its circuit refused, before Tripswitch's general categories (after the user's own); once per dependency.
     */
    static void mergeDependencyCategory(Path file, String dependency) throws IOException {
        String name = dependencyCategory(dependency);
        String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "[]";
        if (existing.contains("\"" + name + "\"")) {
            return;
        }
        String circuit = regexInJson(Dependency.CIRCUIT_PREFIX + dependency);
        String entries = category(name, "[\"failed\", \"broken\"]",
                "\"traceRegex\": \"(?s).*\\\\[tripswitch\\\\] this failure counted against circuit '" + circuit
                        + "'.*\"") + ",\n"
                + category(name, "[\"skipped\"]", "\"messageRegex\": \"(?s).*circuit '" + circuit
                        + "' is (OPEN|HALF_OPEN).*\"");
        int general = existing.indexOf("{\"name\": \"" + SKIPPED_CATEGORY + "\"");
        String content;
        if (general >= 0) {
            int lineStart = existing.lastIndexOf('\n', general) + 1;
            content = existing.substring(0, lineStart) + entries + ",\n" + existing.substring(lineStart);
        } else {
            String inner = existing.startsWith("[") && existing.endsWith("]")
                    ? existing.substring(1, existing.length() - 1).trim() : "";
            content = "[\n" + (inner.isEmpty() ? "" : inner + ",\n") + entries + "\n]";
        }
        writeAtomically(file, content + "\n");
    }

    /** {@code text} matched literally by a regular expression, written inside a JSON string. */
    private static String regexInJson(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (".[]()*+?^$|{}\\".indexOf(c) >= 0) {
                out.append("\\\\");
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String category(String name, String statuses, String matcher) {
        return "  {\"name\": \"" + name + "\", \"matchedStatuses\": " + statuses
                + (matcher == null ? "" : ", " + matcher) + "}";
    }

    static void mergeEnvironment(Path file, String circuitName) throws IOException {
        List<String> lines = Files.exists(file)
                ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                keys.add(line.substring(0, eq).trim());
            }
        }
        var config = CircuitBreakerRegistry.global().find(circuitName)
                .map(c -> c.config()).orElseGet(() -> CircuitBreakerRegistry.global().configFromSources(circuitName));
        String p = "tripswitch.circuit." + circuitName + ".";
        config.asProperties().forEach((setting, value) -> addIfAbsent(lines, keys, p + setting, value));
        writeAtomically(file, String.join("\n", lines) + "\n");
    }

    /**
     * Sets {@code key} to {@code value} in {@code environment.properties} of the results directory (replacing an
     * earlier value of that key; the user's other entries are kept). Failures are logged, never thrown.
     */
    static void setEnvironmentEntry(String key, String value) {
        try {
            synchronized (AllureResultsFiles.class) {
                Path dir = resultsDirectory();
                Files.createDirectories(dir);
                Path file = dir.resolve("environment.properties");
                List<String> lines = Files.exists(file)
                        ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
                lines.removeIf(line -> line.startsWith(key + "="));
                lines.add(key + "=" + value);
                writeAtomically(file, String.join("\n", lines) + "\n");
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "Tripswitch could not write the Allure environment", e);
        }
    }

    private static void addIfAbsent(List<String> lines, Set<String> keys, String key, String value) {
        if (keys.add(key)) {
            lines.add(key + "=" + value);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** For tests: forget which circuits were written. */
    static void forgetForTests() {
        CIRCUITS_WRITTEN.clear();
    }
}
