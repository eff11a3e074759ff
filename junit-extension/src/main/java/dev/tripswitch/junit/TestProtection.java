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
import java.util.function.Function;

/** What the node behind an extension context is: its kind, its {@link Protection} and its identity for core. */
final class TestProtection {

    /** A test (also one invocation of a template), a template's container, a {@code @TestFactory}, a dynamic test. */
    enum Kind { TEST, TEMPLATE, FACTORY, DYNAMIC_TEST }

    /** {@link #declaredKind} of the methods of a class, kept with the class. */
    private static final ClassValue<Map<Method, Kind>> DECLARED_KINDS = new ClassValue<>() {
        @Override
        protected Map<Method, Kind> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private TestProtection() {
    }

    /** The kind of a context that has (or whose ancestor has) a test method; empty for class contexts. */
    static Optional<Kind> kindOf(ExtensionContext context) {
        Optional<Method> own = context.getTestMethod();
        if (own.isEmpty()) {
            // a dynamic test's context may not carry the method itself; its factory's context does
            return nearest(context, ExtensionContext::getTestMethod).map(m -> Kind.DYNAMIC_TEST);
        }
        Kind declared = declaredKind(own.get());
        if (context.getParent().flatMap(ExtensionContext::getTestMethod).filter(own.get()::equals).isPresent()) {
            // a template invocation, or a dynamic test whose context repeats the factory method
            return Optional.of(declared == Kind.FACTORY ? Kind.DYNAMIC_TEST : Kind.TEST);
        }
        return Optional.of(declared);
    }

    /**
     * What a test method is by its annotations: {@link Kind#FACTORY}, {@link Kind#TEMPLATE} or {@link Kind#TEST};
     * looked up once per method (every invocation of a template asks), kept with its class.
     */
    private static Kind declaredKind(Method method) {
        return DECLARED_KINDS.get(method.getDeclaringClass()).computeIfAbsent(method,
                m -> AnnotationSupport.isAnnotated(m, TestFactory.class) ? Kind.FACTORY
                        : AnnotationSupport.isAnnotated(m, TestTemplate.class) ? Kind.TEMPLATE : Kind.TEST);
    }

    /** What a protection is looked up for: a class and one of its test methods (null: the whole class). */
    private record Key(Class<?> testClass, Method method) { }

    /**
     * The protection of the node: its test method's own, else its class's, else what {@code tripswitch.protect} names;
     * looked up once per run.
     */
    static Protection of(ExtensionContext context) {
        Method method = nearest(context, ExtensionContext::getTestMethod).orElse(null);
        return nearest(context, ExtensionContext::getTestClass).map(c -> lookedUp(context, new Key(c, method)))
                .orElse(Protection.NONE);
    }

    /** The protection of a whole class (for {@code @BeforeAll}/{@code @AfterAll}). */
    static Protection ofClass(ExtensionContext context) {
        return nearest(context, ExtensionContext::getTestClass).map(c -> lookedUp(context, new Key(c, null)))
                .orElse(Protection.NONE);
    }

    @SuppressWarnings("unchecked")
    private static Protection lookedUp(ExtensionContext context, Key key) {
        Map<Key, Protection> cache = context.getRoot().getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(Key.class, k -> {
                    JUnitConfiguration.use(context.getRoot()); // tripswitch.protect may be a configuration parameter
                    return new ConcurrentHashMap<Key, Protection>();
                }, Map.class);
        return cache.computeIfAbsent(key, k -> k.method() == null ? Protection.forTestClass(k.testClass())
                : Protection.forTest(k.testClass(), k.method()));
    }

    /**
     * The test's identity for core, made once per test by the caller and carried along; its id is Jupiter's (also
     * when the {@code tripswitch} engine runs the test), so that a test keeps one id in the history.
     */
    static TestIdentity identity(ExtensionContext context) {
        String testClass = nearest(context, ExtensionContext::getTestClass).map(Class::getName).orElse("");
        return new TestIdentity("junit5", testClass, context.getTestMethod().map(Method::getName).orElse(null),
                context.getDisplayName(), EngineIds.asJupiter(context.getUniqueId()));
    }

    /** The first value {@code of} finds on the context or its ancestors, nearest first. */
    static <T> Optional<T> nearest(ExtensionContext context, Function<ExtensionContext, Optional<T>> of) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<T> found = of.apply(c.get());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
