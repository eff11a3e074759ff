package dev.tripswitch.aspectj;

import dev.tripswitch.CircuitBreaker;
import dev.tripswitch.FixtureProjects;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real Maven build of the fixture project (src/test/resources/aspectj-fixture) with a weaving style and a
 * test framework, offline, against the Tripswitch classes of this build (handed in as jars); its Surefire XML
 * reports, its log and the counts its tests wrote are kept for the assertions.
 */
final class FixtureBuild {

    /** One {@code <testcase>} of a Surefire XML report. */
    record Case(String className, String name, String verdict, String message) {
    }

    final String weaving;
    final String framework;
    final String log;
    final List<Case> cases;
    private final Path project;

    private FixtureBuild(String weaving, String framework, Path project, String log, List<Case> cases) {
        this.weaving = weaving;
        this.framework = framework;
        this.project = project;
        this.log = log;
        this.cases = cases;
    }

    /** Builds the fixture with profiles {@code weaving} (ctw, ltw) and {@code framework} (junit, testng). */
    static FixtureBuild run(String weaving, String framework) throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path project = target.resolve("aspectj-fixture-" + weaving + "-" + framework);
        FixtureProjects.deleteTree(project);
        FixtureProjects.copyTree(Path.of(FixtureBuild.class.getResource("/aspectj-fixture").toURI()), project);
        Path libs = target.resolve("aspectj-fixture-libs");
        List<String> command = new ArrayList<>(List.of(FixtureProjects.maven(), "-B", "--no-transfer-progress",
                "-P" + weaving + "," + framework,
                "-Dtripswitch.core.jar=" + jarOf(CircuitBreaker.class.getName(), libs.resolve("tripswitch-core.jar")),
                "-Dtripswitch.aspectj.jar=" + jarOf("dev.tripswitch.aspectj.CircuitProtection", libs.resolve("tripswitch-aspectj.jar")),
                "-Dtripswitch.junit5.jar=" + jarOf("dev.tripswitch.junit.CircuitBreakerExtension", libs.resolve("tripswitch-junit5.jar")),
                "-Dtripswitch.testng.jar=" + jarOf("dev.tripswitch.testng.CircuitBreakerListener", libs.resolve("tripswitch-testng.jar"))));
        String repo = System.getProperty("maven.repo.local");
        if (repo != null && !repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.add("test");
        Path logFile = project.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        boolean done = maven.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            maven.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertThat(done).as("the %s/%s fixture build finished in time", weaving, framework).isTrue();
        assertThat(maven.exitValue()).as("%s/%s fixture build exit code; its log:%n%s", weaving, framework, log)
                .isZero();
        return new FixtureBuild(weaving, framework, project, log, readReports(project.resolve("target/surefire-reports")));
    }

    /** The verdict of test {@code name} of class {@code simpleClassName} (package = the framework). */
    Case test(String simpleClassName, String name) {
        String className = framework + "." + simpleClassName;
        return cases.stream().filter(c -> c.className().equals(className) && c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(weaving + "/" + framework + ": no test " + className + "."
                        + name + " in the reports; found " + cases));
    }

    /**
     * The verdict of a test that failed with an exception other than an assertion: Surefire's JUnit Platform
     * provider calls it an error, its TestNG provider a failure.
     */
    String failedByAnExceptionVerdict() {
        return framework.equals("junit") ? "error" : "failure";
    }

    /** The lines a fixture test class wrote to target/observed/FRAMEWORK-NAME.txt. */
    List<String> observed(String simpleClassName) throws IOException {
        return Files.readAllLines(project.resolve("target/observed/" + framework + "-" + simpleClassName + ".txt"));
    }

    @Override
    public String toString() {
        return weaving + "/" + framework;
    }

    private static List<Case> readReports(Path reports) throws Exception {
        List<Case> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        for (Path file : files) {
            NodeList testcases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                    .getElementsByTagName("testcase");
            for (int i = 0; i < testcases.getLength(); i++) {
                Element tc = (Element) testcases.item(i);
                String verdict = "passed";
                String message = null;
                for (String kind : List.of("skipped", "failure", "error")) {
                    NodeList found = tc.getElementsByTagName(kind);
                    if (found.getLength() > 0) {
                        verdict = kind;
                        message = messageOf((Element) found.item(0));
                    }
                }
                out.add(new Case(tc.getAttribute("classname"), tc.getAttribute("name"), verdict, message));
            }
        }
        return out;
    }

    /**
     * The element's message; Surefire writes none for a JUnit test aborted by an exception, whose text then starts
     * with "exception type: message".
     */
    private static String messageOf(Element verdict) {
        String message = verdict.getAttribute("message");
        if (!message.isEmpty()) {
            return message;
        }
        String firstLine = verdict.getTextContent().strip().lines().findFirst().orElse("");
        String type = verdict.getAttribute("type");
        return !type.isEmpty() && firstLine.startsWith(type + ": ") ? firstLine.substring(type.length() + 2) : firstLine;
    }

    /** The class-path entry (jar or directory) holding class {@code className}, found without loading it. */
    private static Path location(String className) throws URISyntaxException {
        String resource = className.replace('.', '/') + ".class";
        URL url = FixtureBuild.class.getClassLoader().getResource(resource);
        assertThat(url).as("%s on the test class path", className).isNotNull();
        String s = url.toString();
        if (s.startsWith("jar:")) {
            return Path.of(URI.create(s.substring("jar:".length(), s.indexOf("!/"))));
        }
        return Path.of(URI.create(s.substring(0, s.length() - resource.length())));
    }

    /** The jar {@code type} was loaded from, or one made of its class directory (a reactor build has no jars yet). */
    private static Path jarOf(String className, Path jar) throws IOException, URISyntaxException {
        Path from = location(className);
        if (Files.isRegularFile(from)) {
            return from;
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(from.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
