package dev.tripswitch.junit;

import dev.tripswitch.spi.TestMethods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Tells core which methods Jupiter runs itself: tests of every kind (each carries {@link Testable}, also through a
 * composed annotation of the user's own) and {@code @BeforeEach}/{@code @AfterEach}/{@code @BeforeAll}/
 * {@code @AfterAll}. Not part of the API: public so that {@link java.util.ServiceLoader} can make it.
 */
public final class JupiterTestMethods implements TestMethods {

    private static final List<Class<? extends java.lang.annotation.Annotation>> LIFECYCLE =
            List.of(BeforeEach.class, AfterEach.class, BeforeAll.class, AfterAll.class);

    /** Used by {@link java.util.ServiceLoader}. */
    public JupiterTestMethods() {
    }

    @Override
    public boolean isTestOrLifecycleMethod(Method method) {
        if (AnnotationSupport.isAnnotated(method, Testable.class)) {
            return true;
        }
        for (Class<? extends java.lang.annotation.Annotation> a : LIFECYCLE) {
            if (AnnotationSupport.isAnnotated(method, a)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isTestClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Method m : k.getDeclaredMethods()) {
                    if (AnnotationSupport.isAnnotated(m, Testable.class)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
