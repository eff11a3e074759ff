package dev.tripswitch.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the implementations of a service with {@link ServiceLoader}, reporting and skipping broken ones. */
public final class Services {

    private static final System.Logger LOG = System.getLogger(Services.class.getName());

    private Services() {
    }

    /**
     * Every implementation of {@code service} that {@code loader} finds, in {@link ServiceLoader} order. One that
     * cannot be loaded (a missing class, a throwing constructor) is logged as a warning naming {@code what}
     * (for example "circuit event listener") and skipped: a broken plug-in must not stop the run.
     */
    public static <T> List<T> load(Class<T> service, ClassLoader loader, String what) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                LOG.log(System.Logger.Level.WARNING, "Tripswitch: a " + what + " could not be loaded and is skipped", e);
            }
        }
    }

    /** The thread's context class loader, or {@code fallback}'s loader when there is none. */
    public static ClassLoader contextLoader(Class<?> fallback) {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : fallback.getClassLoader();
    }
}
