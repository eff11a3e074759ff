package dev.tripswitch.aspectj;

import dev.tripswitch.internal.UnwovenProtection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "not woven" check against real class files: this module's own test classes (woven by ajc) and classes
 * compiled here by plain javac (never woven), the way a build without the aspect leaves them.
 */
class UnwovenProtectionTest {

    @TempDir
    Path dir;

    @Test
    void classesCompiledWithoutTheAspect_areNamed_andWovenOnesAreNot() throws Exception {
        compile("pages/SearchPage.java", """
                package pages;
                public class SearchPage {
                    @dev.tripswitch.CircuitProtected("shop") public String search(String q) { return q; }
                    @dev.tripswitch.CircuitProtected("shop") private void warmUp() { }
                }""");
        compile("pages/Checkout.java", """
                package pages;
                @dev.tripswitch.CircuitProtected("shop") public class Checkout { public void pay() { } }""");

        List<String> findings = UnwovenProtection.find(loaderWith(dir));

        assertThat(findings).contains(
                "pages.Checkout: not woven by AspectJ, so pay runs unprotected",
                "pages.SearchPage: not woven by AspectJ, so search, warmUp run unprotected");
        assertThat(findings).noneMatch(f -> f.startsWith(ShopClient.class.getName()))
                .noneMatch(f -> f.startsWith(CatalogPages.class.getName()))
                .noneMatch(f -> f.startsWith(getClass().getName()));
    }

    @Test
    void abstractNativeAndInterfaceTargets_sayWhyTheyCannotBeWoven() throws Exception {
        compile("api/Client.java", """
                package api;
                @dev.tripswitch.CircuitProtected("api") public interface Client { String get(); }""");
        compile("api/Base.java", """
                package api;
                public abstract class Base {
                    @dev.tripswitch.CircuitProtected("api") public abstract String fetch();
                    @dev.tripswitch.CircuitProtected("api") public native int nativeCall();
                }""");

        List<String> findings = UnwovenProtection.find(loaderWith(dir));

        assertThat(findings).contains(
                "api.Client: an interface has no method bodies to weave, and implementing classes do not inherit it;"
                        + " annotate the implementing class",
                "api.Base: fetch is abstract: it has no body to weave, and overriding methods do not inherit a"
                        + " method's annotation; annotate the implementing method; nativeCall is native: it has no"
                        + " bytecode to weave; protect a Java method that calls it");
    }

    @Test
    void annotationOfTheUsersOwnCarryingIt_isFollowed() throws Exception {
        compile("pages/ShopCall.java", """
                package pages;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                @dev.tripswitch.CircuitProtected("shop") public @interface ShopCall { }""");
        compile("pages/CartPage.java", """
                package pages;
                @ShopCall public class CartPage { public void add() { } }""");

        assertThat(UnwovenProtection.find(loaderWith(dir)))
                .contains("pages.CartPage: not woven by AspectJ, so add runs unprotected")
                .noneMatch(f -> f.startsWith("pages.ShopCall"));
    }

    @Test
    void testClasses_areLeftToTheAdapters() throws Exception {
        compile("suite/ShopTest.java", """
                package suite;
                public class ShopTest {
                    @dev.tripswitch.CircuitProtected("shop") @org.junit.jupiter.api.Test public void search() { }
                    public static class Fixture { @dev.tripswitch.CircuitProtected("shop") public void helper() { } }
                }""");

        assertThat(UnwovenProtection.find(loaderWith(dir))).noneMatch(f -> f.startsWith("suite."));
    }

    @Test
    void reportOnce_printsOneWarningBlockPerJvm() throws Exception {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        compile("pages/Lonely.java", """
                package pages;
                public class Lonely { @dev.tripswitch.CircuitProtected("shop") public void go() { } }""");
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loaderWith(dir));
        try {
            UnwovenProtection.reportOnce(new PrintStream(first, true, StandardCharsets.UTF_8));
            UnwovenProtection.reportOnce(new PrintStream(second, true, StandardCharsets.UTF_8));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        assertThat(first.toString(StandardCharsets.UTF_8))
                .contains("!!! Tripswitch WARNING: @CircuitProtected outside tests that NO circuit protects")
                .contains("!!!   pages.Lonely: not woven by AspectJ, so go runs unprotected");
        assertThat(second.size()).isZero();
    }

    private void compile(String file, String source) throws Exception {
        String classPath = dir + java.io.File.pathSeparator + System.getProperty("java.class.path");
        Path src = dir.resolveSibling(dir.getFileName() + "-src").resolve(file);
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", dir.toString(), "-cp", classPath,
                src.toString());
        assertThat(rc).as("javac of %s", file).isZero();
    }

    private static ClassLoader loaderWith(Path classes) throws Exception {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, UnwovenProtectionTest.class.getClassLoader());
    }
}
