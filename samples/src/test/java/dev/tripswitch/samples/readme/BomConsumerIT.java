package dev.tripswitch.samples.readme;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * tripswitch-bom as a user gets it. A small project (src/test/resources/bom-consumer) imports the BOM once and
 * declares tripswitch-junit5 without a version; Maven builds it and runs its test against this build's artifacts,
 * laid out as Maven Central would serve them ({@link UserBuild}). And the BOM itself: every deployed module of the
 * reactor, at this version, and nothing else (no parent whose dependency management an import would bring along).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BomConsumerIT {

    private static final String GROUP = "dev.tripswitch";

    private static UserBuild userBuild;
    private static Path project;

    @BeforeAll
    static void layOutTheArtifactsAndTheConsumerProject() throws Exception {
        Path work = Path.of("target", "bom-consumer").toAbsolutePath();
        userBuild = UserBuild.prepare(work);
        project = work.resolve("project");
        UserBuild.copyTree(Path.of(BomConsumerIT.class.getResource("/bom-consumer").toURI()), project);
    }

    @Test
    void projectImportingTheBom_buildsAndRunsItsTest_withTripswitchAtTheBomsVersion() throws Exception {
        String log = userBuild.maven("the BOM consumer", project, List.of("-Dtripswitch.version=" + userBuild.version(),
                "test", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-DincludeGroupIds=" + GROUP, "-DoutputFile=target/tripswitch-dependencies.txt"));

        assertThat(log).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(Files.readString(project.resolve("target/surefire-reports/TEST-consumer.BomConsumerTest.xml"),
                StandardCharsets.UTF_8)).contains("name=\"runsUnderItsCircuit\"");
        String version = userBuild.version();
        assertThat(Files.readString(project.resolve("target/tripswitch-dependencies.txt"), StandardCharsets.UTF_8))
                .as("the Tripswitch artifacts the consumer resolved")
                .contains(GROUP + ":tripswitch-junit5:jar:" + version + ":test")
                .contains(GROUP + ":tripswitch-core:jar:" + version + ":test");
    }

    @Test
    void bom_listsEveryDeployedModuleAtThisVersion_andNothingElse() {
        UserBuild.Module bomModule = UserBuild.reactorModules(userBuild.root()).stream()
                .filter(m -> m.artifactId().equals("tripswitch-bom")).findFirst().orElseThrow();
        Element bom = UserBuild.read(userBuild.installedPom(bomModule));

        assertThat(UserBuild.child(bom, "parent")).as("a parent in the BOM that users import (its "
                + "<dependencyManagement> would come along with the import)").isNull();
        assertThat(UserBuild.text(bom, "version")).as("the BOM's own version").isEqualTo(userBuild.version());
        List<String> deployedJars = UserBuild.reactorModules(userBuild.root()).stream()
                .filter(m -> m.deployed() && !m.packaging().equals("pom")).map(UserBuild.Module::artifactId).toList();
        List<String> managed = new ArrayList<>();
        Element dependencyManagement = UserBuild.child(bom, "dependencyManagement");
        assertThat(dependencyManagement).as("the BOM's <dependencyManagement>").isNotNull();
        for (Element dependency : UserBuild.children(UserBuild.child(dependencyManagement, "dependencies"),
                "dependency")) {
            assertThat(UserBuild.text(dependency, "groupId")).as("a groupId in the BOM").isEqualTo(GROUP);
            assertThat(UserBuild.text(dependency, "version")).as("the version of %s in the BOM",
                    UserBuild.text(dependency, "artifactId")).isIn(userBuild.version(), "${project.version}");
            assertThat(UserBuild.text(dependency, "scope")).as("an import inside the BOM").isNull();
            managed.add(UserBuild.text(dependency, "artifactId"));
        }
        assertThat(managed).as("the artifacts bom/pom.xml lists, against the deployed modules of the root pom.xml "
                + "(a new deployed module goes into the BOM)").containsExactlyInAnyOrderElementsOf(deployedJars);
    }
}
