package dev.tripswitch.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What modules keep for one test invocation while it runs (the browser module keeps the test's browser here),
 * closed when the test is over. The framework adapters make and close scopes: the JUnit extension keeps one in
 * the test's store (closed after its {@code @AfterEach} methods); the TestNG listener binds one to the thread that
 * runs the test ({@link #openOnThisThread()}, from the test's first {@code @BeforeMethod} to its outcome), where code
 * the test calls finds it with {@link #onThisThread()}.
 *
 * <p>Thread-safe.
 */
public final class TestScope implements AutoCloseable {

    private static final ThreadLocal<TestScope> ON_THREAD = new ThreadLocal<>();
    private static final Set<TestScope> BOUND = ConcurrentHashMap.newKeySet();

    private final Map<Class<?>, AutoCloseable> resources = new LinkedHashMap<>();
    private boolean closed;

    /** An open, empty scope (for adapters, and for tests of modules). */
    public TestScope() {
    }

    /**
     * The scope's resource of {@code type}, made by {@code create} the first time it is asked for (under the scope's
     * lock) and closed with the scope.
     *
     * @throws IllegalStateException once the scope is closed
     */
    public synchronized <T extends AutoCloseable> T resource(Class<T> type, Supplier<? extends T> create) {
        if (closed) {
            throw new IllegalStateException("the test's scope is closed: its test is over");
        }
        AutoCloseable r = resources.get(type);
        if (r == null) {
            r = create.get();
            resources.put(type, r);
        }
        return type.cast(r);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Closes the resources, the last made first, each once whatever the others do; then throws the first failure
     * (a checked one wrapped in an {@link IllegalStateException}) with the others suppressed. Closing again does
     * nothing.
     */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(resources.values());
            resources.clear();
        }
        RuntimeException first = null;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                RuntimeException failure = e instanceof RuntimeException r ? r
                        : new IllegalStateException("closing " + toClose.get(i) + " failed", e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ------------------------------------------------------------------ bound to the test's thread

    /** The scope of the test running on this thread, if an adapter bound one ({@link #openOnThisThread()}). */
    public static Optional<TestScope> onThisThread() {
        TestScope s = ON_THREAD.get();
        return s == null || s.isClosed() ? Optional.empty() : Optional.of(s);
    }

    /** For adapters: the open scope bound to this thread, or a new one bound now. */
    public static TestScope openOnThisThread() {
        TestScope s = ON_THREAD.get();
        if (s == null || s.isClosed()) {
            s = new TestScope();
            ON_THREAD.set(s);
            BOUND.add(s);
        }
        return s;
    }

    /** For adapters: the test on this thread is over; its scope, if any, is unbound and closed (see {@link #close}). */
    public static void closeOnThisThread() {
        TestScope s = ON_THREAD.get();
        ON_THREAD.remove();
        if (s != null) {
            BOUND.remove(s);
            s.close();
        }
    }

    /** For adapters, at the end of a run: closes every scope still bound to a thread (see {@link #close}). */
    public static void closeAllOnThreads() {
        RuntimeException first = null;
        for (TestScope s : List.copyOf(BOUND)) {
            BOUND.remove(s);
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
