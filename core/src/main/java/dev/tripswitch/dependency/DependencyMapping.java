package dev.tripswitch.dependency;

import java.util.Optional;

/**
 * One row of the table that says which failures are infrastructure failures and which dependency each names
 * ({@link DependencyFailures}). Add your own — a database driver's exception, an HTTP client of your own — by
 * implementing it and listing the class in {@code META-INF/services/dev.tripswitch.dependency.DependencyMapping}
 * (found with {@link java.util.ServiceLoader}), or with {@link DependencyFailures#register}. Mappings of yours are
 * asked before the built-in ones.
 *
 * <p>Contract: asked for each throwable of a failure's chain of causes (the failure first; the walk stops at an
 * {@link AssertionError}, which is always a product failure), on the thread that ended the test or the call; must
 * be cheap, thread-safe and must not throw (what it throws is logged and taken as "no").
 */
@FunctionalInterface
public interface DependencyMapping {

    /**
     * The dependency {@code failure} names, when it is an infrastructure failure; empty when it is not (a product
     * failure, or a failure this mapping does not know).
     *
     * @param failure one throwable of the failure's chain of causes
     * @param target  the dependency the failing call was made to, when the caller knows it (a decorated WebDriver's
     *                {@code get}, a protected HTTP client's request); empty at the end of a test whose failure was
     *                thrown by a call nobody watched
     */
    Optional<Dependency> dependencyOf(Throwable failure, Optional<Dependency> target);
}
