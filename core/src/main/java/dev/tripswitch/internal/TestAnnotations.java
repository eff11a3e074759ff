package dev.tripswitch.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * Recognises test methods and test classes by the <em>names</em> of their annotations, so that code outside
 * the framework adapters (the AspectJ aspect, the "not woven" check) can leave tests to the JUnit extension and
 * the TestNG listener without depending on either framework.
 */
public final class TestAnnotations {

    /** Annotations that make a method a test (JUnit Jupiter, TestNG). */
    private static final Set<String> TEST_METHOD = Set.of(
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest",
            "org.junit.jupiter.api.RepeatedTest",
            "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.api.TestTemplate",
            "org.testng.annotations.Test");

    /** Set-up and tear-down annotations: their failures are the adapters' to count, as a test's set-up. */
    private static final Set<String> LIFECYCLE_METHOD = Set.of(
            "org.junit.jupiter.api.BeforeEach", "org.junit.jupiter.api.AfterEach",
            "org.junit.jupiter.api.BeforeAll", "org.junit.jupiter.api.AfterAll",
            "org.testng.annotations.BeforeMethod", "org.testng.annotations.AfterMethod",
            "org.testng.annotations.BeforeClass", "org.testng.annotations.AfterClass",
            "org.testng.annotations.BeforeTest", "org.testng.annotations.AfterTest",
            "org.testng.annotations.BeforeSuite", "org.testng.annotations.AfterSuite",
            "org.testng.annotations.BeforeGroups", "org.testng.annotations.AfterGroups");

    /** On a class, TestNG's {@code @Test} makes every public method of it a test. */
    private static final String TESTNG_TEST = "org.testng.annotations.Test";

    private TestAnnotations() {
    }

    /**
     * Whether {@code method} is a test, a set-up or tear-down method, or a public method of a class that TestNG's
     * class-level {@code @Test} turns into tests: the adapters' business, not a call to protect.
     */
    public static boolean isTestOrLifecycleMethod(Method method) {
        for (Annotation a : method.getDeclaredAnnotations()) {
            if (isTestAnnotation(a.annotationType()) || LIFECYCLE_METHOD.contains(a.annotationType().getName())) {
                return true;
            }
        }
        return Modifier.isPublic(method.getModifiers()) && isTestNGTestClass(method.getDeclaringClass());
    }

    /**
     * Whether {@code type} is a test class or belongs to one: it (or a superclass) declares a test method, it is a
     * TestNG class whose public methods are tests, or it is nested in such a class (JUnit's {@code @Nested}, a test's
     * own fixtures).
     */
    public static boolean isTestClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (isTestNGTestClass(c)) {
                return true;
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                if (declaresTestMethod(k)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean declaresTestMethod(Class<?> type) {
        for (Method m : type.getDeclaredMethods()) {
            for (Annotation a : m.getDeclaredAnnotations()) {
                if (isTestAnnotation(a.annotationType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A test annotation, or an annotation of the user's own that carries one (e.g. a composed {@code @UiTest}). */
    private static boolean isTestAnnotation(Class<? extends Annotation> type) {
        if (TEST_METHOD.contains(type.getName())) {
            return true;
        }
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (TEST_METHOD.contains(meta.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTestNGTestClass(Class<?> type) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Annotation a : k.getDeclaredAnnotations()) {
                if (a.annotationType().getName().equals(TESTNG_TEST)) {
                    return true;
                }
            }
        }
        return false;
    }
}
