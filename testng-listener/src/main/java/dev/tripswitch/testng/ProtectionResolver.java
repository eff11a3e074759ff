package dev.tripswitch.testng;

import dev.tripswitch.Protection;

import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which {@link Protection} applies to a TestNG test method or class, looked up (and its attributes checked) once
 * per method and class; the circuit itself is taken from the registry at each admission.
 */
final class ProtectionResolver {

    private record MethodKey(Class<?> testClass, Method method) { }

    private final ConcurrentMap<MethodKey, Protection> byMethod = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, Protection> byClass = new ConcurrentHashMap<>();
    private final ConcurrentMap<Method, Boolean> annotated = new ConcurrentHashMap<>();

    /** The protection of {@code method} run on an instance of {@code testClass}: method, then class. */
    Protection forTest(Class<?> testClass, Method method) {
        return byMethod.computeIfAbsent(new MethodKey(testClass, method), k -> Protection.forTest(k.testClass(), k.method()));
    }

    /** The protection every test of {@code testClass} shares (for class-level set-up such as @BeforeClass). */
    Protection forClass(Class<?> testClass) {
        return byClass.computeIfAbsent(testClass, Protection::forTestClass);
    }

    /** Whether {@code method} carries {@code @CircuitProtected}, directly or through a meta-annotation. */
    boolean isAnnotated(Method method) {
        return annotated.computeIfAbsent(method, Protection::isAnnotated);
    }
}
