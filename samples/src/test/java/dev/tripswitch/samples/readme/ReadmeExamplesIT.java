package dev.tripswitch.samples.readme;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the examples of the project's README.md as a new user would paste them: every block marked
 * {@code <!-- example: NAME -->} goes into project NAME — its {@code <dependency>} blocks into the pom, a
 * {@code <plugin>} block into the build, its Java blocks into {@code src/test/java} — and the project is built by
 * Maven with the dependencies the README lists and nothing else. The Tripswitch artifacts come from this build
 * (laid out in a private local repository, so the user's {@code ~/.m2} is never written); everything else is
 * taken from the build's own local repository, or Maven Central when it is not there.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReadmeExamplesIT {

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([\\w, ]+) -->\\s*\\n```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern XML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final String[][] MODULES = {
            {"core", "tripswitch-core"}, {"browser", "tripswitch-browser"}, {"junit-extension", "tripswitch-junit5"},
            {"testng-listener", "tripswitch-testng"}, {"allure-adapter", "tripswitch-allure"}};

    /** What the README gives for one example project. */
    static final class Example {
        final List<String> dependencies = new ArrayList<>();
        final List<String> plugins = new ArrayList<>();
        final Map<String, String> javaFiles = new LinkedHashMap<>();
    }

    private static Path root;
    private static Path work;
    private static Map<String, Example> examples;

    @BeforeAll
    static void readTheReadmeAndPrepareTheRepository() throws IOException {
        root = Path.of("..").toAbsolutePath().normalize();
        examples = parse(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
        work = Path.of("target", "readme-examples").toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        layOutTripswitchArtifacts(work.resolve("repo"));
        String cache = System.getProperty("build.local.repository", Path.of(System.getProperty("user.home"),
                ".m2", "repository").toString());
        Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>build-cache</id>
                      <repositories><repository><id>build-cache</id><url>%1$s</url></repository></repositories>
                      <pluginRepositories><pluginRepository><id>build-cache</id><url>%1$s</url></pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build-cache</activeProfile></activeProfiles>
                </settings>
                """.formatted(Path.of(cache).toUri()));
    }

    @Test
    void readmeHasTheExampleProjects() {
        assertThat(examples).containsKeys("junit", "testng", "both", "core");
        examples.forEach((name, e) -> {
            assertThat(e.dependencies).as("dependencies listed for example '%s'", name).isNotEmpty();
        });
        assertThat(examples.get("junit").javaFiles).containsKey("ShopTest");
        assertThat(examples.get("testng").javaFiles).containsKey("CheckoutTest");
    }

    @Test
    void junitExample_compilesWithTheDependenciesItLists() throws Exception {
        build("junit", "test-compile");
    }

    @Test
    void testngExample_compilesWithTheDependenciesItLists() throws Exception {
        build("testng", "test-compile");
    }

    @Test
    void coreExample_compilesWithTheDependencyItLists() throws Exception {
        build("core", "test-compile");
    }

    /** With both providers named, Surefire runs the JUnit 5 test and the TestNG test of one module. */
    @Test
    void bothFrameworksInOneModule_eachRunsItsOwnTests() throws Exception {
        Path project = build("both", "test", "-Dmaven.test.failure.ignore=true");
        Path reports = project.resolve("target/surefire-reports");
        assertThat(reports.resolve("TEST-ShopTest.xml")).as("the JUnit 5 test ran").exists();
        assertThat(reports.resolve("TEST-TestSuite.xml")).as("the TestNG test ran").exists();
        assertThat(Files.readString(reports.resolve("TEST-ShopTest.xml"))).contains("name=\"homePage");
        assertThat(Files.readString(reports.resolve("TEST-TestSuite.xml")))
                .contains("name=\"cartPage\"").contains("classname=\"CheckoutTest\"");
    }

    private static Path build(String name, String... goals) throws Exception {
        Example e = examples.get(name);
        assertThat(e).as("README example '%s'", name).isNotNull();
        Path project = work.resolve(name);
        Path sources = project.resolve("src/test/java");
        Files.createDirectories(sources);
        for (Map.Entry<String, String> f : e.javaFiles.entrySet()) {
            Files.writeString(sources.resolve(f.getKey() + ".java"), f.getValue());
        }
        Files.writeString(project.resolve("pom.xml"), pom(name, e));
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "--no-transfer-progress",
                "-s", work.resolve("settings.xml").toString(), "-Dmaven.repo.local=" + work.resolve("repo")));
        command.addAll(List.of(goals));
        Path log = project.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = maven.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            maven.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("the build of example '%s' finished in time; its log:%n%s", name, output).isTrue();
        assertThat(maven.exitValue()).as("the build of example '%s'; its log:%n%s", name, output).isZero();
        return project;
    }

    /** A user's pom: the README's dependencies and plugins, with the compiler and test runner pinned. */
    private static String pom(String name, Example e) {
        StringBuilder plugins = new StringBuilder("""
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                """);
        if (e.plugins.stream().noneMatch(p -> p.contains("maven-surefire-plugin"))) {
            plugins.append("<plugin><groupId>org.apache.maven.plugins</groupId>"
                    + "<artifactId>maven-surefire-plugin</artifactId><version>3.5.6</version></plugin>\n");
        }
        e.plugins.forEach(plugins::append);
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>readme.example</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                  </properties>
                  <dependencies>
                %s
                  </dependencies>
                  <build><plugins>
                %s
                  </plugins></build>
                </project>
                """.formatted(name, String.join("\n", e.dependencies), plugins);
    }

    static Map<String, Example> parse(String readme) {
        Map<String, Example> out = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(readme);
        while (m.find()) {
            String lang = m.group(2);
            String body = m.group(3);
            for (String name : m.group(1).split(",")) {
                Example e = out.computeIfAbsent(name.trim(), n -> new Example());
                if (lang.equals("java")) {
                    Matcher c = CLASS_NAME.matcher(body);
                    assertThat(c.find()).as("a Java example declares a class:%n%s", body).isTrue();
                    e.javaFiles.put(c.group(1), body);
                } else if (lang.equals("xml") && uncommented(body).startsWith("<plugin>")) {
                    e.plugins.add(body);
                } else if (lang.equals("xml") && uncommented(body).startsWith("<dependency>")) {
                    e.dependencies.add(body);
                } else {
                    throw new AssertionError("README example block of kind '" + lang + "' is neither Java, "
                            + "<dependency> nor <plugin>:\n" + body);
                }
            }
        }
        return out;
    }

    private static String uncommented(String xml) {
        return XML_COMMENT.matcher(xml).replaceAll("").trim();
    }

    /** The parent pom and each module's pom and jar, as Maven installs them, in {@code repo}. */
    private static void layOutTripswitchArtifacts(Path repo) throws IOException {
        String version = System.getProperty("tripswitch.version", "0.1.0-SNAPSHOT");
        lay(repo, "tripswitch-parent", version, root.resolve("pom.xml"), null);
        for (String[] module : MODULES) {
            Path jar = root.resolve(module[0]).resolve("target").resolve(module[1] + "-" + version + ".jar");
            assertThat(jar).as("%s is packaged before the samples' integration tests run", module[1]).exists();
            lay(repo, module[1], version, root.resolve(module[0]).resolve("pom.xml"), jar);
        }
    }

    private static void lay(Path repo, String artifact, String version, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("dev/tripswitch").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
