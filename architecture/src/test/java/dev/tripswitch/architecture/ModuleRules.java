package dev.tripswitch.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules of the house, as functions from classes to violations (empty when the rule holds), so that each can be
 * run on the modules' classes and on a fixture that breaks it on purpose. A class's module is read from where its
 * class file comes from: a module's {@code target/classes} in a reactor build, its jar otherwise.
 */
final class ModuleRules {

    /** The deployed modules, by folder and by artifact. */
    private static final Map<String, String> MODULES = Map.of(
            "core", "tripswitch-core", "browser", "tripswitch-browser", "junit-extension", "tripswitch-junit5",
            "testng-listener", "tripswitch-testng", "allure-adapter", "tripswitch-allure",
            "redis-store", "tripswitch-redis", "aspectj", "tripswitch-aspectj", "report", "tripswitch-report",
            "maven-plugin", "tripswitch-maven-plugin");
    private static final Pattern FOLDER = Pattern.compile("/([a-z-]+)/target/(?:test-)?classes/");
    private static final Pattern JAR = Pattern.compile("/(tripswitch-[a-z0-9]+(?:-plugin)?)-[^/]*\\.jar");

    /**
     * Names core must not hold, not even as text: the adapters' packages and artifacts, the frameworks and
     * libraries they bring (core learns what they are through its {@code spi} package).
     */
    static final List<String> ADAPTER_NAMES = List.of(
            "dev/tripswitch/junit", "dev.tripswitch.junit", "dev/tripswitch/testng", "dev.tripswitch.testng",
            "dev/tripswitch/allure", "dev.tripswitch.allure", "dev/tripswitch/aspectj", "dev.tripswitch.aspectj",
            "dev/tripswitch/redis", "dev.tripswitch.redis", "dev/tripswitch/browser", "dev.tripswitch.browser",
            "dev/tripswitch/report", "dev.tripswitch.report", "dev/tripswitch/maven", "dev.tripswitch.maven",
            "tripswitch-junit5", "tripswitch-testng", "tripswitch-allure", "tripswitch-aspectj", "tripswitch-redis",
            "tripswitch-browser", "tripswitch-report", "tripswitch-maven-plugin", "com/fasterxml", "com.fasterxml", "org/junit", "org.junit", "org/testng", "org.testng", "io/qameta", "io.qameta",
            "org/aspectj", "org.aspectj", "ajc$", "org/openqa", "org.openqa", "redis/clients", "redis.clients");

    private ModuleRules() {
    }

    /** The module a class comes from ("core", "junit-extension", ...), or where it comes from when no module. */
    static String moduleOf(JavaClass c) {
        String where = c.getSource().map(s -> s.getUri().toString()).orElse("");
        Matcher folder = FOLDER.matcher(where);
        if (folder.find()) {
            return folder.group(1);
        }
        Matcher jar = JAR.matcher(where);
        if (jar.find()) {
            for (Map.Entry<String, String> m : MODULES.entrySet()) {
                if (m.getValue().equals(jar.group(1))) {
                    return m.getKey();
                }
            }
        }
        return where;
    }

    /** Whether the class belongs to one of the deployed modules. */
    static boolean isDeployed(JavaClass c) {
        return MODULES.containsKey(moduleOf(c));
    }

    /**
     * A Tripswitch package named {@code internal} is used only by the module it is in (a framework's own internal
     * packages that its API hands out, such as TestNG's {@code ConstructorOrMethod}, are that framework's business).
     */
    static List<String> internalUsedOutsideItsModule(JavaClasses classes) {
        List<String> out = new ArrayList<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass().getBaseComponentType(); // an array's element type
                if (target.getPackageName().startsWith("dev.tripswitch.") && isInternal(target.getPackageName())
                        && !moduleOf(target).equals(moduleOf(c))) {
                    out.add(moduleOf(c) + ": " + c.getName() + " uses " + target.getName() + " (internal to "
                            + moduleOf(target) + ")");
                }
            }
        }
        return distinct(out);
    }

    private static boolean isInternal(String packageName) {
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    /**
     * No import circle: no two classes of different packages depend on each other, directly or through others
     * (a cycle inside one package needs no import, and is left alone). Nested classes count as their top-level
     * class; only the classes given are looked at.
     */
    static List<String> importCircles(JavaClasses classes) {
        Map<String, Set<String>> edges = new HashMap<>();
        for (JavaClass c : classes) {
            String from = topLevel(c.getName());
            Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String target = topLevel(d.getTargetClass().getName());
                if (!target.equals(from) && classes.contain(d.getTargetClass().getName())) {
                    to.add(target);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Set<String> component : new StronglyConnected(edges).components()) {
            Set<String> packages = new TreeSet<>();
            component.forEach(name -> packages.add(name.substring(0, name.lastIndexOf('.'))));
            if (component.size() > 1 && packages.size() > 1) {
                out.add("circle across " + packages + ": " + component);
            }
        }
        return out;
    }

    private static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    /**
     * The class files under {@code location} (a class directory or a jar) that hold one of {@code names}, as
     * bytes: strings, class and package names in the constant pool. One line per file and name found.
     */
    static List<String> namesHeld(Path location, List<String> names) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> tree = Files.walk(location)) {
                for (Path p : tree.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                    files.put(location.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        files.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        files.forEach((file, bytes) -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String name : names) {
                if (text.contains(name)) {
                    out.add(file + " holds '" + name + "'");
                }
            }
        });
        return out;
    }

    private static List<String> distinct(List<String> lines) {
        return List.copyOf(new TreeSet<>(lines));
    }

    /** Tarjan's strongly connected components, iteratively (no deep recursion on long chains). */
    private static final class StronglyConnected {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> components = new ArrayList<>();
        private int next;

        StronglyConnected(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<Set<String>> components() {
            for (String node : new TreeSet<>(edges.keySet())) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(String root) {
            Deque<Object[]> work = new ArrayDeque<>(); // {node, iterator of its successors}
            enter(root);
            work.push(new Object[]{root, successors(root).iterator()});
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                @SuppressWarnings("unchecked") java.util.Iterator<String> it = (java.util.Iterator<String>) frame[1];
                if (it.hasNext()) {
                    String w = it.next();
                    if (!index.containsKey(w)) {
                        enter(w);
                        work.push(new Object[]{w, successors(w).iterator()});
                    } else if (onStack.contains(w)) {
                        low.put(node, Math.min(low.get(node), index.get(w)));
                    }
                } else {
                    work.pop();
                    if (!work.isEmpty()) {
                        String parent = (String) work.peek()[0];
                        low.put(parent, Math.min(low.get(parent), low.get(node)));
                    }
                    if (low.get(node).equals(index.get(node))) {
                        Set<String> component = new TreeSet<>();
                        String w;
                        do {
                            w = stack.pop();
                            onStack.remove(w);
                            component.add(w);
                        } while (!w.equals(node));
                        components.add(component);
                    }
                }
            }
        }

        private void enter(String node) {
            index.put(node, next);
            low.put(node, next);
            next++;
            stack.push(node);
            onStack.add(node);
        }

        private Set<String> successors(String node) {
            return edges.getOrDefault(node, Set.of());
        }
    }
}
