package dev.tripswitch.junit;

import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves Jupiter's own copy of the tests out of a plan whose Jupiter tests the {@code tripswitch} engine took over
 * ({@link ReplayingEngine}), so that no test runs twice. Not part of the API: public so that the launcher can load
 * it from {@code META-INF/services}, as a discovery listener and as a post-discovery filter.
 *
 * <p>The launcher discovers every engine and then applies the filters on one thread, between
 * {@link #launcherDiscoveryStarted} and {@link #launcherDiscoveryFinished}: the engine notes there, on that
 * thread, that it took the tests over; a discovery it took nothing from (or where it did not run at all) leaves
 * Jupiter's tests alone.
 */
public final class JupiterHandover implements LauncherDiscoveryListener, PostDiscoveryFilter {

    private static final ThreadLocal<Boolean> TAKEN_OVER = new ThreadLocal<>();

    /** Used by the launcher. */
    public JupiterHandover() {
    }

    /** Called by the engine when it took this discovery's Jupiter tests over. */
    static void takenOver() {
        TAKEN_OVER.set(Boolean.TRUE);
    }

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        TAKEN_OVER.remove();
    }

    @Override
    public void launcherDiscoveryFinished(LauncherDiscoveryRequest request) {
        TAKEN_OVER.remove();
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (TAKEN_OVER.get() == Boolean.TRUE
                && descriptor.getUniqueId().getEngineId().filter("junit-jupiter"::equals).isPresent()) {
            return FilterResult.excluded("run by the tripswitch engine, which replays deferred tests");
        }
        return FilterResult.included("not taken over");
    }
}
