package dev.tripswitch.testng;

import dev.tripswitch.spi.TestMethods;
import org.testng.annotations.AfterClass;
import org.testng.annotations.AfterGroups;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.AfterSuite;
import org.testng.annotations.AfterTest;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.BeforeGroups;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.BeforeSuite;
import org.testng.annotations.BeforeTest;
import org.testng.annotations.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Tells core which methods TestNG runs itself: {@code @Test} methods, the public methods of a class annotated
 * {@code @Test}, and the configuration methods ({@code @BeforeMethod} … {@code @AfterSuite}). Not part of the API:
 * public so that {@link java.util.ServiceLoader} can make it.
 */
public final class TestNGTestMethods implements TestMethods {

    private static final List<Class<? extends Annotation>> CONFIGURATION = List.of(
            BeforeMethod.class, AfterMethod.class, BeforeClass.class, AfterClass.class, BeforeTest.class,
            AfterTest.class, BeforeSuite.class, AfterSuite.class, BeforeGroups.class, AfterGroups.class);

    /** Used by {@link java.util.ServiceLoader}. */
    public TestNGTestMethods() {
    }

    @Override
    public boolean isTestOrLifecycleMethod(Method method) {
        if (method.isAnnotationPresent(Test.class)) {
            return true;
        }
        for (Class<? extends Annotation> a : CONFIGURATION) {
            if (method.isAnnotationPresent(a)) {
                return true;
            }
        }
        return Modifier.isPublic(method.getModifiers()) && isTestAnnotatedClass(method.getDeclaringClass());
    }

    @Override
    public boolean isTestClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (isTestAnnotatedClass(c)) {
                return true;
            }
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Test.class)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isTestAnnotatedClass(Class<?> type) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            if (k.isAnnotationPresent(Test.class)) {
                return true;
            }
        }
        return false;
    }
}
