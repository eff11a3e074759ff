/**
 * Dependency circuits ({@code tripswitch.dependencies=auto}): the dependency a failure names — a {@code host:port},
 * a host, a browser driver — becomes the circuit ({@code dep:<name>}) of the tests that call it, with no annotation.
 * {@link dev.tripswitch.dependency.DependencyFailures} is the table of infrastructure failures, extended with
 * {@link dev.tripswitch.dependency.DependencyMapping}s of your own; {@link dev.tripswitch.dependency.DependencyCalls}
 * is what a watched call does (the browser module's decorated WebDriver,
 * {@link dev.tripswitch.dependency.ProtectedHttpClient}, your own clients). See {@code docs/dependencies.md}.
 */
package dev.tripswitch.dependency;
