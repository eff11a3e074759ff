/**
 * Dependency circuits ({@code tripswitch.dependencies=auto}): the dependency a failure names — a {@code host:port},
 * a host, a browser driver — becomes the circuit ({@code dep:<name>}) of the tests that call it, with no annotation.
 * {@link dev.tripswitch.dependency.DependencyFailures} is the table of infrastructure failures, extended with
 * {@link dev.tripswitch.dependency.DependencyMapping}s of your own; {@link dev.tripswitch.dependency.DependencyCalls}
 * is what a watched call does (the browser module's decorated WebDriver,
 * {@link dev.tripswitch.dependency.ProtectedHttpClient}, your own clients).
 *
 * <p>A circuit of a {@code host:port} checks its own dependency: unless its settings by name give a {@code healthUrl} or
 * {@code healthCheck}, it gets a TCP connect to that address as its health check when one connect from this JVM
 * succeeds as the circuit is made; a dependency this JVM cannot reach then (a remote Grid's network, a proxy, or down
 * already) gets none, and its circuit works by failures and time. {@code tripswitch.dependencies.check=off} turns this
 * off. See {@code docs/dependencies.md}.
 */
package dev.tripswitch.dependency;
