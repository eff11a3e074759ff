package dev.tripswitch.junit;

import dev.tripswitch.Protection;
import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the node behind an extension context is: its kind, its {@link Protection} (found on the method, class,
 * superclasses, enclosing classes of {@code @Nested} classes, meta-annotations) and its identity for core.
 */
final class TestProtection {

    /** What an extension context with a test method stands for. */
    enum Kind {
        /** A test: a {@code @Test} method, or one invocation of a {@code @ParameterizedTest}/{@code @RepeatedTest}. */
        TEST,
        /** The container of a test template; its invocations are the tests. */
        TEMPLATE,
        /** A {@code @TestFactory} method; its dynamic tests are the tests. */
        FACTORY,
        /** A dynamic test made by a {@code @TestFactory}. */
        DYNAMIC_TEST
    }

    private TestProtection() {
    }

    /** The kind of a context that has (or whose ancestor has) a test method; empty for class contexts. */
    static Optional<Kind> kindOf(ExtensionContext context) {
        Optional<Method> own = context.getTestMethod();
        if (own.isEmpty()) {
            // a dynamic test's context may not carry the method itself; its factory's context does
            return nearestMethod(context).isPresent() ? Optional.of(Kind.DYNAMIC_TEST) : Optional.empty();
        }
        boolean parentHasSameMethod = context.getParent().flatMap(ExtensionContext::getTestMethod)
                .filter(own.get()::equals).isPresent();
        if (parentHasSameMethod) {
            // a template invocation, or a dynamic test whose context repeats the factory method
            boolean underFactory = context.getParent().flatMap(ExtensionContext::getTestMethod)
                    .filter(m -> AnnotationSupport.isAnnotated(m, TestFactory.class)).isPresent();
            return Optional.of(underFactory ? Kind.DYNAMIC_TEST : Kind.TEST);
        }
        if (AnnotationSupport.isAnnotated(own.get(), TestFactory.class)) {
            return Optional.of(Kind.FACTORY);
        }
        if (AnnotationSupport.isAnnotated(own.get(), TestTemplate.class)) {
            return Optional.of(Kind.TEMPLATE);
        }
        return Optional.of(Kind.TEST);
    }

    /** What a protection is looked up for: a class and one of its test methods (null: the whole class). */
    private record Key(Class<?> testClass, Method method) {
    }

    /** The protection of the node: its test method's own, else its class's; looked up once per run. */
    static Protection of(ExtensionContext context) {
        Optional<Class<?>> testClass = nearestClass(context);
        return testClass.isEmpty() ? Protection.NONE
                : lookedUp(context, new Key(testClass.get(), nearestMethod(context).orElse(null)));
    }

    /** The protection of a whole class (for {@code @BeforeAll}/{@code @AfterAll}). */
    static Protection ofClass(ExtensionContext context) {
        return nearestClass(context).map(c -> lookedUp(context, new Key(c, null))).orElse(Protection.NONE);
    }

    @SuppressWarnings("unchecked")
    private static Protection lookedUp(ExtensionContext context, Key key) {
        Map<Key, Protection> cache = context.getRoot().getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(Key.class, k -> new ConcurrentHashMap<Key, Protection>(), Map.class);
        return cache.computeIfAbsent(key, k -> k.method() == null ? Protection.ofClass(k.testClass())
                : Protection.of(k.testClass(), k.method()));
    }

    /** The test's identity for core, made once per test by the caller and carried along. */
    static TestIdentity identity(ExtensionContext context) {
        return new TestIdentity("junit5", nearestClass(context).map(Class::getName).orElse(""),
                context.getTestMethod().map(Method::getName).orElse(null), context.getDisplayName());
    }

    private static Optional<Method> nearestMethod(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Method> m = c.get().getTestMethod();
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> nearestClass(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<Class<?>> k = c.get().getTestClass();
            if (k.isPresent()) {
                return k;
            }
        }
        return Optional.empty();
    }
}
