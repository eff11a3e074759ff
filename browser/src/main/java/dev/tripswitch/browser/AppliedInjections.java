package dev.tripswitch.browser;

import java.util.List;

/**
 * The injections {@link AnnotatedInjections#apply} made for one test. {@link #close()} undoes the failures
 * still in place (call it after the test).
 */
public final class AppliedInjections implements AutoCloseable {

    private final List<InjectionResult> results;
    private final BrowserFailureInjector injector;

    AppliedInjections(List<InjectionResult> results, BrowserFailureInjector injector) {
        this.results = List.copyOf(results);
        this.injector = injector;
    }

    /** The injector used, for its {@link BrowserFailureInjector#failureStats()}. */
    public BrowserFailureInjector injector() {
        return injector;
    }

    /** One result per annotation, in the order applied. */
    public List<InjectionResult> results() {
        return results;
    }

    /**
     * Undoes every failure still in place.
     *
     * @return problems met while undoing, empty when everything was undone cleanly
     */
    public List<String> restore() {
        return injector.restore();
    }

    @Override
    public void close() {
        restore();
    }
}
