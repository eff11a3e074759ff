package dev.tripswitch.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Finds {@code @CircuitProtected} on methods outside tests that nothing intercepts, and says so once per JVM:
 * without a module that intercepts the annotated methods such an annotation does nothing, and silence would let a user
 * believe the page object or API client is protected. The framework adapters call {@link #reportOnce} at the
 * end of a run.
 *
 * <p>Basic approach: the class-path <em>directories</em> (the build's own classes, not jars) are searched for
 * class files that name the annotation; each such class is loaded without being initialised (under load-time
 * weaving that weaves it, exactly as a first use would) and judged by reflection. Test classes are the framework
 * integrations' business ({@link dev.tripswitch.spi.TestMethods}) and are left out; whether a class's calls are
 * intercepted is for the module that intercepts them to say ({@link dev.tripswitch.spi.CallInterception}).
 */
public final class UnwovenProtection {

    private static final byte[] MARK = "Ldev/tripswitch/CircuitProtected;".getBytes(StandardCharsets.UTF_8);
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private UnwovenProtection() {
    }

    /** Prints the findings for the context class loader's class path, the first time any adapter asks. */
    public static void reportOnce(PrintStream out) {
        if (!REPORTED.compareAndSet(false, true)) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> findings = find(loader != null ? loader : UnwovenProtection.class.getClassLoader());
        if (findings.isEmpty()) {
            return;
        }
        out.println();
        out.println("!!! Tripswitch WARNING: @CircuitProtected outside tests that NO circuit protects"
                + " (nothing intercepts these methods):");
        findings.forEach(f -> out.println("!!!   " + f));
        out.println("!!! " + FrameworkCode.howToIntercept());
        out.println();
        out.flush();
    }

    /** One line per class whose annotated methods are not intercepted or cannot be; empty when all is well. */
    public static List<String> find(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        for (String className : annotatedClassNames(classDirectories(loader), loader)) {
            String finding = judge(className, loader);
            if (finding != null) {
                out.add(finding);
            }
        }
        return out;
    }

    private static String judge(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return className + ": could not be loaded to check its weaving (" + e + ")";
        }
        if (type.isAnnotation() || FrameworkCode.isTestClass(type)) {
            return null; // a meta-annotation, or tests: the JUnit extension and the TestNG listener handle those
        }
        boolean onClass = ProtectionLookup.isAnnotated(type);
        if (onClass && type.isInterface()) {
            return className + ": an interface has no method bodies to weave, and implementing classes do not"
                    + " inherit it; annotate the implementing class";
        }
        List<String> cannot = new ArrayList<>();
        List<String> needWeaving = new ArrayList<>();
        // by name: reflection gives declared methods in no set order, and the report must read the same each run
        List<Method> methods = Arrays.stream(type.getDeclaredMethods())
                .sorted(Comparator.comparing(Method::getName)).toList();
        for (Method m : methods) {
            boolean onMethod = ProtectionLookup.isAnnotated(m);
            boolean byClass = onClass && Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge();
            if (!onMethod && !byClass) {
                continue;
            }
            if (onMethod && Modifier.isAbstract(m.getModifiers())) {
                cannot.add(m.getName() + " is abstract: it has no body to weave, and overriding methods do not"
                        + " inherit a method's annotation; annotate the implementing method");
            } else if (onMethod && Modifier.isNative(m.getModifiers())) {
                cannot.add(m.getName() + " is native: it has no bytecode to weave; protect a Java method that"
                        + " calls it");
            } else if (!Modifier.isAbstract(m.getModifiers()) && !Modifier.isNative(m.getModifiers())) {
                needWeaving.add(m.getName());
            }
        }
        List<String> parts = new ArrayList<>(cannot);
        if (!needWeaving.isEmpty() && !FrameworkCode.isIntercepted(type)) {
            parts.add(0, "not " + FrameworkCode.interceptedAs() + ", so " + String.join(", ", new LinkedHashSet<>(needWeaving))
                    + (needWeaving.size() == 1 ? " runs" : " run") + " unprotected");
        }
        return parts.isEmpty() ? null : className + ": " + String.join("; ", parts);
    }

    private static Set<Path> classDirectories(ClassLoader loader) {
        Set<Path> dirs = new LinkedHashSet<>();
        try {
            Enumeration<URL> roots = loader.getResources("");
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                if ("file".equals(url.getProtocol())) {
                    dirs.add(Path.of(url.toURI()));
                }
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Tripswitch: cannot list the class-path directories to check weaving", e);
        }
        dirs.removeIf(d -> !Files.isDirectory(d));
        return dirs;
    }

    /**
     * The classes under {@code roots} that name the annotation, or an annotation of the user's own (found under
     * the same roots) that carries it.
     */
    private static List<String> annotatedClassNames(Set<Path> roots, ClassLoader loader) {
        Map<Path, String> classFiles = new LinkedHashMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".class")
                                && !p.getFileName().toString().equals("module-info.class"))
                        .sorted().forEach(p -> classFiles.putIfAbsent(p, className(root, p)));
            } catch (IOException e) {
                throw new UncheckedIOException("Tripswitch: cannot search " + root + " for @CircuitProtected", e);
            }
        }
        List<String> direct = classFiles.entrySet().stream().filter(e -> namesAny(e.getKey(), List.of(MARK)))
                .map(Map.Entry::getValue).toList();
        List<byte[]> meta = new ArrayList<>();
        for (String name : direct) {
            try {
                if (Class.forName(name, false, loader).isAnnotation()) {
                    meta.add(("L" + name.replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // judged (and reported as not loadable) with the others
            }
        }
        List<String> out = new ArrayList<>(direct);
        if (!meta.isEmpty()) {
            classFiles.entrySet().stream().filter(e -> !direct.contains(e.getValue()))
                    .filter(e -> namesAny(e.getKey(), meta)).forEach(e -> out.add(e.getValue()));
        }
        return out;
    }

    private static String className(Path root, Path classFile) {
        String n = root.relativize(classFile).toString().replace(java.io.File.separatorChar, '.');
        return n.substring(0, n.length() - ".class".length());
    }

    private static boolean namesAny(Path classFile, List<byte[]> marks) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(classFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Tripswitch: cannot read " + classFile, e);
        }
        for (byte[] mark : marks) {
            if (contains(bytes, mark)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] bytes, byte[] mark) {
        outer:
        for (int i = 0; i + mark.length <= bytes.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (bytes[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
