package dev.tripswitch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What tests that build a small fixture project with a real Maven need: the Maven to run, the jar of a module
 * under test (made from its class directory inside a reactor build), and copying and deleting trees. Shared with
 * the other modules' tests through core's test jar.
 */
public final class FixtureProjects {

    private FixtureProjects() {
    }

    /** The Maven running this build, or {@code mvn} from the path. */
    public static String maven() {
        String home = System.getProperty("maven.home");
        return home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))
                ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }

    /** The jar {@code type} was loaded from, or a jar made at {@code jar} of the class directory it came from. */
    public static Path jarOf(Class<?> type, Path jar) throws Exception {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(location)) {
            return location;
        }
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file);
             Stream<Path> tree = Files.walk(location)) {
            for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(location.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    public static void copyTree(Path from, Path to) throws IOException {
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

    public static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
