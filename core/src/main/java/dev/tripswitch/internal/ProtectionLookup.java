package dev.tripswitch.internal;

import dev.tripswitch.CircuitDefinition;
import dev.tripswitch.CircuitProtected;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link CircuitProtected} that applies to a test: on the method (directly or through an annotation
 * of the user's own), else on the class, its superclasses, and — for inner (non-static) classes such as
 * JUnit's {@code @Nested} — the enclosing classes. The nearest one wins.
 */
public final class ProtectionLookup {

    private ProtectionLookup() {
    }

    /** The definition that applies to {@code method} of {@code testClass} ({@code method} may be null). */
    public static Optional<CircuitDefinition> find(Class<?> testClass, Method method) {
        if (method != null) {
            CircuitProtected onMethod = findOn(method, new HashSet<>());
            if (onMethod != null) {
                return Optional.of(CircuitDefinition.of(onMethod, describe(testClass, method)));
            }
        }
        return findForClass(testClass);
    }

    /** The definition that applies to every test of {@code testClass}, if any. */
    public static Optional<CircuitDefinition> findForClass(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = enclosingIfInner(c)) {
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                CircuitProtected found = findOn(k, new HashSet<>());
                if (found != null) {
                    return Optional.of(CircuitDefinition.of(found, "class " + k.getName()));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code element} carries the annotation, directly or as a meta-annotation. */
    public static boolean isAnnotated(AnnotatedElement element) {
        return findOn(element, new HashSet<>()) != null;
    }

    private static Class<?> enclosingIfInner(Class<?> c) {
        return c.isMemberClass() && !Modifier.isStatic(c.getModifiers()) ? c.getEnclosingClass() : null;
    }

    private static CircuitProtected findOn(AnnotatedElement element, Set<Class<?>> seen) {
        CircuitProtected direct = element.getDeclaredAnnotation(CircuitProtected.class);
        if (direct != null) {
            return direct;
        }
        for (Annotation a : element.getDeclaredAnnotations()) {
            Class<? extends Annotation> type = a.annotationType();
            if (type.getName().startsWith("java.lang.") || !seen.add(type)) {
                continue;
            }
            CircuitProtected meta = findOn(type, seen);
            if (meta != null) {
                return meta;
            }
        }
        return null;
    }

    private static String describe(Class<?> testClass, Method method) {
        return "method " + testClass.getName() + "#" + method.getName();
    }
}
