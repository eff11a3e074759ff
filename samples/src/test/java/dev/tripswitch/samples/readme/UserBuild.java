package dev.tripswitch.samples.readme;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's build of a small project against this build's Tripswitch artifacts, as if they came from Maven Central.
 * The artifacts of every deployed module of the reactor (those whose POM does not set {@code maven.deploy.skip})
 * are laid out in a private local repository, as Maven installs them: the parent POM, each jar with its POM, and the
 * POM a module actually installs when it flattens it (the BOM). Everything else comes from the build's own local
 * repository, named as a remote one in a settings file, or from Maven Central; the user's {@code ~/.m2} is never
 * written. A new deployed module is laid out without a change here.
 */
final class UserBuild {

    /** A module of the reactor, as its POM declares it. */
    record Module(String folder, String artifactId, String packaging, boolean deployed, boolean flattened) {
    }

    /** A local repository has no checksum files: without this, every artifact taken from it logs a stack trace. */
    private static final String IGNORE_CHECKSUMS = "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
            + "<snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>";

    private final Path root;
    private final Path work;
    private final String version;
    private final List<String> notPackaged = new ArrayList<>();

    private UserBuild(Path root, Path work, String version) {
        this.root = root;
        this.work = work;
        this.version = version;
    }

    /** Lays out the repository and the settings under {@code work}, which is emptied first. */
    static UserBuild prepare(Path work) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        UserBuild build = new UserBuild(root, work.toAbsolutePath(), System.getProperty("tripswitch.version",
                "0.1.0-SNAPSHOT"));
        deleteTree(build.work);
        Files.createDirectories(build.work);
        build.layOutTripswitchArtifacts();
        build.writeSettings();
        return build;
    }

    Path root() {
        return root;
    }

    String version() {
        return version;
    }

    /** The local repository the user's builds run with. */
    Path repository() {
        return work.resolve("repo");
    }

    /** Every module listed in the root POM, read from its own POM. */
    static List<Module> reactorModules(Path root) {
        List<Module> modules = new ArrayList<>();
        for (String folder : childTexts(child(read(root.resolve("pom.xml")), "modules"), "module")) {
            Element pom = read(root.resolve(folder).resolve("pom.xml"));
            String packaging = text(pom, "packaging");
            String skip = text(child(pom, "properties"), "maven.deploy.skip");
            modules.add(new Module(folder, text(pom, "artifactId"), packaging == null ? "jar" : packaging,
                    !"true".equals(skip), readString(root.resolve(folder).resolve("pom.xml"))
                    .contains("<artifactId>flatten-maven-plugin</artifactId>")));
        }
        return modules;
    }

    /** The POM file a module installs: the flattened one if it flattens its POM. */
    Path installedPom(Module module) {
        Path dir = root.resolve(module.folder());
        return module.flattened() ? dir.resolve("target/flattened-pom.xml") : dir.resolve("pom.xml");
    }

    /**
     * Runs Maven in {@code project} with the private repository and the settings, and asserts that it succeeded.
     * Returns the build's log.
     */
    String maven(String name, Path project, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "--no-transfer-progress",
                "-s", work.resolve("settings.xml").toString(), "-Dmaven.repo.local=" + repository()));
        command.addAll(arguments);
        Path log = project.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = maven.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        String missing = notPackaged.isEmpty() ? "" : String.format(
                "%n(not laid out, as they were not packaged in this build: %s)", notPackaged);
        assertThat(done).as("the build of %s finished in time; its log:%n%s", name, output).isTrue();
        assertThat(maven.exitValue()).as("the build of %s; its log:%n%s%s", name, output, missing).isZero();
        return output;
    }

    /**
     * The parent POM and every deployed module's POM and jar. A jar not packaged by this build (its module left out
     * of a {@code -pl} build) is not laid out; a user build that needs it fails on it by name. A flattened POM
     * (the BOM's) must be there and manage what the module's pom.xml manages.
     */
    private void layOutTripswitchArtifacts() throws IOException {
        lay(text(read(root.resolve("pom.xml")), "artifactId"), root.resolve("pom.xml"), null);
        for (Module module : reactorModules(root)) {
            if (!module.deployed()) {
                continue;
            }
            Path pom = installedPom(module);
            if (module.flattened()) {
                // Nothing in samples depends on such a module (a dependency on it would have to be resolved by
                // builds of samples alone, where it is in no repository): the reactor builds it first by its
                // place in the root pom.xml, or a -pl build names it.
                Path source = root.resolve(module.folder()).resolve("pom.xml");
                String build = "build %s first: a whole build does, a -pl build names it (-pl %s,samples -am)"
                        .formatted(module.folder(), module.folder());
                assertThat(pom).as("%s, the POM of %s as Maven installs it; %s", pom, module.artifactId(), build)
                        .exists();
                assertThat(managedArtifacts(read(pom))).as("what %s manages, against %s (an older build?); %s", pom,
                        source, build).isEqualTo(managedArtifacts(read(source)));
            }
            Path jar = null;
            if (!module.packaging().equals("pom")) {
                jar = root.resolve(module.folder()).resolve("target")
                        .resolve(module.artifactId() + "-" + version + ".jar");
                if (!Files.exists(jar)) {
                    notPackaged.add(module.artifactId());
                    continue;
                }
            }
            lay(module.artifactId(), pom, jar);
        }
    }

    private void lay(String artifact, Path pom, Path jar) throws IOException {
        Path dir = repository().resolve("dev/tripswitch").resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    private void writeSettings() throws IOException {
        String cache = System.getProperty("build.local.repository", Path.of(System.getProperty("user.home"),
                ".m2", "repository").toString());
        Files.writeString(work.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>build-cache</id>
                      <repositories><repository><id>build-cache</id><url>%1$s</url>%2$s</repository></repositories>
                      <pluginRepositories><pluginRepository><id>build-cache</id><url>%1$s</url>%2$s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>build-cache</activeProfile></activeProfiles>
                </settings>
                """.formatted(Path.of(cache).toUri(), IGNORE_CHECKSUMS));
    }

    /** The artifactIds in the {@code <dependencyManagement>} of a POM, in order. */
    static List<String> managedArtifacts(Element pom) {
        List<String> out = new ArrayList<>();
        for (Element dependency : children(child(child(pom, "dependencyManagement"), "dependencies"), "dependency")) {
            out.add(text(dependency, "artifactId"));
        }
        return out;
    }

    // ------------------------------------------------------------------ XML and files

    static Element read(Path xml) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + xml, e);
        }
    }

    /** The first child element of {@code parent} called {@code name}, or null. */
    static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The text of the child element {@code name} of {@code parent}, or null. */
    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    /** Every child element {@code name} of {@code parent} (none when {@code parent} is null). */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The texts of every child element {@code name} of {@code parent}. */
    static List<String> childTexts(Element parent, String name) {
        return children(parent, name).stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
