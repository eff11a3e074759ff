package dev.tripswitch.dependency;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something tests depend on that can be down on its own: a host and port of the application under test or of a
 * service ({@code shop:8080}), a host whose port is not known ({@code payments.internal}, named by an
 * {@link java.net.UnknownHostException}), a browser driver ({@code driver:chrome}). Its circuit is named
 * {@code dep:<name>} ({@link #circuitName()}), so it is configured like any circuit:
 * {@code tripswitch.circuit.dep:shop:8080.failureThreshold=3}.
 *
 * @param name the dependency's name; not blank, no white space
 */
public record Dependency(String name) {

    /** What every dependency circuit's name starts with: {@value}. */
    public static final String CIRCUIT_PREFIX = "dep:";

    public Dependency {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a dependency's name must be non-blank and without white space, but was '"
                    + name + "'");
        }
    }

    /** The name of this dependency's circuit: {@code dep:<name>}. */
    public String circuitName() {
        return CIRCUIT_PREFIX + name;
    }

    /** {@code host:port}, the host in lower case. */
    public static Dependency hostAndPort(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, but was " + port);
        }
        return new Dependency(host.toLowerCase(Locale.ROOT) + ":" + port);
    }

    /** A host whose port is not known (a name that does not resolve fails on every port). */
    public static Dependency host(String host) {
        return new Dependency(host.toLowerCase(Locale.ROOT));
    }

    /** A browser's driver, by the browser's name: {@code driver:chrome}. */
    public static Dependency driver(String browser) {
        return new Dependency("driver:" + browser.toLowerCase(Locale.ROOT));
    }

    /**
     * The host and port an address calls, its port the scheme's default when it names none (http and ws 80, https
     * and wss 443); empty for an address with no host ({@code about:blank}, {@code data:}, {@code file:}) or one
     * that is not a URI.
     */
    public static Optional<Dependency> ofAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        try {
            return of(URI.create(address.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** As {@link #ofAddress}, for a URI. */
    public static Optional<Dependency> of(URI uri) {
        if (uri == null || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        if (port < 0) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            port = switch (scheme) {
                case "http", "ws" -> 80;
                case "https", "wss" -> 443;
                default -> -1;
            };
        }
        return Optional.of(port < 0 ? host(uri.getHost()) : hostAndPort(uri.getHost(), port));
    }

    /**
     * For a {@code host:port} dependency, the host alone (whose circuit, when an {@link java.net.UnknownHostException}
     * opened it, refuses calls to every port of the host); empty otherwise.
     */
    public Optional<Dependency> hostOnly() {
        if (name.startsWith("driver:")) {
            return Optional.empty();
        }
        int colon = name.lastIndexOf(':');
        if (colon <= 0 || colon == name.length() - 1) {
            return Optional.empty();
        }
        String port = name.substring(colon + 1);
        return port.chars().allMatch(Character::isDigit) ? Optional.of(new Dependency(name.substring(0, colon)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
