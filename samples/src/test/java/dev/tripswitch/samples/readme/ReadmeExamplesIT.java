package dev.tripswitch.samples.readme;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * Builds the examples of the project's README.md as a new user would paste them: every block marked
 * {@code <!-- example: NAME -->} goes into project NAME — its {@code <dependency>} blocks into the pom, its
 * {@code <dependencyManagement>} block (the import of tripswitch-bom) beside them, a {@code <plugin>} block into the
 * build, its Java blocks into {@code src/test/java} — and the project is built by Maven with what the README lists
 * and nothing else, against this build's artifacts laid out as Maven Central would serve them ({@link UserBuild}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReadmeExamplesIT {

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([\\w, ]+) -->\\s*\\n```(\\w+)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern XML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern CLASS_NAME = Pattern.compile("(?m)^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)");
    private static final Pattern TRIPSWITCH_DEPENDENCY =
            Pattern.compile("(?s)<dependency>\\s*<groupId>dev\\.tripswitch</groupId>.*?</dependency>");

    /** What the README gives for one example project. */
    static final class Example {
        final List<String> dependencies = new ArrayList<>();
        final List<String> dependencyManagement = new ArrayList<>();
        final List<String> plugins = new ArrayList<>();
        final Map<String, String> javaFiles = new LinkedHashMap<>();
    }

    private static Path work;
    private static UserBuild userBuild;
    private static Map<String, Example> examples;

    @BeforeAll
    static void readTheReadmeAndPrepareTheRepository() throws IOException {
        work = Path.of("target", "readme-examples").toAbsolutePath();
        userBuild = UserBuild.prepare(work);
        examples = parse(Files.readString(userBuild.root().resolve("README.md"), StandardCharsets.UTF_8));
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

    /** Each example that uses Tripswitch imports tripswitch-bom once and gives no Tripswitch dependency a version. */
    @Test
    void readmeTripswitchDependencies_takeTheirVersionFromTheBom() {
        examples.forEach((name, e) -> {
            List<String> tripswitch = e.dependencies.stream()
                    .flatMap(d -> TRIPSWITCH_DEPENDENCY.matcher(d).results().map(MatchResult::group)).toList();
            assertThat(tripswitch).as("Tripswitch dependencies of example '%s'", name).isNotEmpty()
                    .allSatisfy(d -> assertThat(d).as("a Tripswitch dependency in example '%s'", name)
                            .doesNotContain("<version>"));
            assertThat(e.dependencyManagement).as("the <dependencyManagement> blocks of example '%s'", name)
                    .singleElement(STRING)
                    .contains("<artifactId>tripswitch-bom</artifactId>", "<type>pom</type>", "<scope>import</scope>",
                            "<version>" + userBuild.version() + "</version>");
        });
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
        userBuild.maven("example '" + name + "'", project, List.of(goals));
        return project;
    }

    /** A user's pom: the README's dependencies, BOM import and plugins, with the compiler and test runner pinned. */
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
                %s
                  <dependencies>
                %s
                  </dependencies>
                  <build><plugins>
                %s
                  </plugins></build>
                </project>
                """.formatted(name, String.join("\n", e.dependencyManagement), String.join("\n", e.dependencies),
                plugins);
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
                } else if (lang.equals("xml") && uncommented(body).startsWith("<dependencyManagement>")) {
                    e.dependencyManagement.add(body);
                } else {
                    throw new AssertionError("README example block of kind '" + lang + "' is neither Java, "
                            + "<dependency>, <dependencyManagement> nor <plugin>:\n" + body);
                }
            }
        }
        return out;
    }

    private static String uncommented(String xml) {
        return XML_COMMENT.matcher(xml).replaceAll("").trim();
    }
}
