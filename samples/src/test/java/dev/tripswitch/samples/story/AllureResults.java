package dev.tripswitch.samples.story;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The Allure result files ({@code *-result.json}) in {@code allure.results.directory}, read back. */
final class AllureResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AllureResults() {
    }

    static Path directory() {
        String dir = System.getProperty("allure.results.directory");
        if (dir == null) {
            throw new IllegalStateException("allure.results.directory is not set (Surefire sets it in samples/pom.xml)");
        }
        return Paths.get(dir);
    }

    /** Every test result whose full name starts with {@code packagePrefix}. */
    static List<Result> of(String packagePrefix) {
        List<Result> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList()) {
                JsonNode n = JSON.readTree(p.toFile());
                if (n.path("fullName").asText().startsWith(packagePrefix)) {
                    out.add(new Result(n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String read(String fileName) throws IOException {
        return Files.readString(directory().resolve(fileName));
    }

    /** One test's result. */
    record Result(JsonNode json) {

        String fullName() {
            return json.path("fullName").asText();
        }

        String status() {
            return json.path("status").asText();
        }

        String message() {
            return json.path("statusDetails").path("message").asText("");
        }

        String trace() {
            return json.path("statusDetails").path("trace").asText("");
        }

        Optional<String> label(String name) {
            for (JsonNode l : json.path("labels")) {
                if (name.equals(l.path("name").asText())) {
                    return Optional.of(l.path("value").asText());
                }
            }
            return Optional.empty();
        }

        List<String> attachmentNames() {
            List<String> names = new ArrayList<>();
            json.path("attachments").forEach(a -> names.add(a.path("name").asText()));
            return names;
        }

        String attachmentContent(String name) throws IOException {
            for (JsonNode a : json.path("attachments")) {
                if (name.equals(a.path("name").asText())) {
                    return Files.readString(directory().resolve(a.path("source").asText()));
                }
            }
            throw new AssertionError(fullName() + " has no attachment " + name);
        }
    }
}
