package dev.tripswitch.dependency;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.CircuitOpenException;
import dev.tripswitch.internal.Services;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of infrastructure failures: which exceptions count as a dependency being down, and which dependency
 * each names. Asked, in order: the mappings {@linkplain #register registered} in code, those
 * {@link java.util.ServiceLoader} finds ({@link DependencyMapping}; the browser module adds Selenium's), then the
 * built-in rows ({@link #BUILT_IN}):
 *
 * <table>
 *   <caption>Built-in rows</caption>
 *   <tr><th>exception (or a subclass)</th><th>dependency</th></tr>
 *   <tr><td>{@link UnknownHostException}</td><td>the call's target; else the host its message names</td></tr>
 *   <tr><td>{@link ConnectException}, {@link SocketTimeoutException}</td><td>the call's target; else the address or
 *       {@code host:port} its message names (as OkHttp's, Apache HttpClient's and Spring's messages do)</td></tr>
 *   <tr><td>{@link HttpTimeoutException} (with {@code HttpConnectTimeoutException})</td><td>the call's target</td></tr>
 *   <tr><td>{@link SocketException} (reset, no route to host)</td><td>the call's target</td></tr>
 *   <tr><td>any other {@link IOException}</td><td>the call's target</td></tr>
 * </table>
 *
 * "The call's target" is known when the failure was thrown by a watched call (a decorated WebDriver's navigation,
 * a protected HTTP client's request, {@link DependencyCalls#call}), or when a throwable that wraps the failure names
 * an address in its message (Spring's "I/O error on GET request for "http://shop:8080/cart""); a failure that
 * reaches the end of a test through no watched call is otherwise mapped only when its own message names the
 * dependency. Everything else is a product failure: it
 * never trips a dependency circuit. An {@link AssertionError} is a product failure whatever its cause; a
 * {@link CircuitOpenException} or {@link CircuitConfigurationException} names no dependency.
 *
 * <p>Thread-safe.
 */
public final class DependencyFailures {

    private static final System.Logger LOG = System.getLogger(DependencyFailures.class.getName());
    private static final int MAX_CAUSES = 16;

    /** An address in a message: {@code http://shop:8080/cart}. */
    private static final Pattern ADDRESS = Pattern.compile("\\b(?:https?|wss?)://[^\\s\"'<>\\[\\]]+");
    /** A host and port in a message, with an optional resolved address: {@code localhost/127.0.0.1:8080}. */
    private static final Pattern HOST_PORT = Pattern.compile(
            "(?<![\\w.-])([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)"
                    + "(?:/[0-9A-Fa-f.:]+)?:(\\d{1,5})\\b");

    /** The built-in rows, in the order they are asked. */
    public static final List<DependencyMapping> BUILT_IN = List.of(
            DependencyFailures::unknownHost,
            (failure, target) -> failure instanceof ConnectException || failure instanceof SocketTimeoutException
                    ? target.or(() -> namedIn(failure.getMessage())) : Optional.empty(),
            (failure, target) -> failure instanceof HttpTimeoutException || failure instanceof SocketException
                    || failure instanceof IOException ? target : Optional.empty());

    private static final List<DependencyMapping> REGISTERED = new CopyOnWriteArrayList<>();
    private static volatile List<DependencyMapping> loaded;

    private DependencyFailures() {
    }

    /**
     * Adds a mapping of your own, asked before those found by the service loader and the built-in ones (for a
     * mapping that needs state; a stateless one is better listed in {@code META-INF/services}).
     */
    public static void register(DependencyMapping mapping) {
        REGISTERED.add(0, Objects.requireNonNull(mapping, "mapping"));
    }

    /** Removes a mapping added with {@link #register}. */
    public static void unregister(DependencyMapping mapping) {
        REGISTERED.remove(mapping);
    }

    /**
     * The dependency {@code failure} names, when it is an infrastructure failure: each throwable of its chain of
     * causes (stopping at an {@link AssertionError}), asked of each mapping in turn; the first answer wins.
     *
     * @param target the dependency of the call that threw {@code failure}, or {@code null} when not known
     */
    public static Optional<Dependency> dependencyOf(Throwable failure, Dependency target) {
        Optional<Dependency> known = Optional.ofNullable(target);
        List<DependencyMapping> mappings = mappings();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof AssertionError || t instanceof CircuitOpenException
                    || t instanceof CircuitConfigurationException) {
                return Optional.empty();
            }
            for (DependencyMapping m : mappings) {
                Optional<Dependency> d = ask(m, t, known);
                if (d.isPresent()) {
                    return d;
                }
            }
            if (known.isEmpty()) { // a wrapper that names the call's address names its causes' target
                known = namedIn(t.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The dependency a message names: the first address ({@code http://shop:8080/cart}), else the first
     * {@code host:port} ({@code localhost/127.0.0.1:8080} names {@code localhost:8080}); empty when none.
     */
    public static Optional<Dependency> namedIn(String message) {
        if (message == null || message.isEmpty()) {
            return Optional.empty();
        }
        Matcher address = ADDRESS.matcher(message);
        if (address.find()) {
            Optional<Dependency> d = Dependency.ofAddress(address.group());
            if (d.isPresent()) {
                return d;
            }
        }
        Matcher hostPort = HOST_PORT.matcher(message);
        while (hostPort.find()) {
            int port = Integer.parseInt(hostPort.group(2));
            if (port > 0 && port <= 65535) {
                return Optional.of(Dependency.hostAndPort(hostPort.group(1), port));
            }
        }
        return Optional.empty();
    }

    private static Optional<Dependency> unknownHost(Throwable failure, Optional<Dependency> target) {
        if (!(failure instanceof UnknownHostException)) {
            return Optional.empty();
        }
        if (target.isPresent()) {
            return target;
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return Optional.empty();
        }
        Optional<Dependency> named = namedIn(message);
        if (named.isPresent()) {
            return named;
        }
        String host = message.trim().split("[\\s:]", 2)[0]; // "payments.internal: Name or service not known"
        return host.isEmpty() ? Optional.empty() : Optional.of(Dependency.host(host));
    }

    private static Optional<Dependency> ask(DependencyMapping m, Throwable t, Optional<Dependency> target) {
        try {
            Optional<Dependency> d = m.dependencyOf(t, target);
            return d == null ? Optional.empty() : d;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Tripswitch: dependency mapping " + m.getClass().getName()
                    + " threw; taken as no answer", e);
            return Optional.empty();
        }
    }

    private static List<DependencyMapping> mappings() {
        List<DependencyMapping> found = loaded;
        if (found == null) {
            found = Services.load(DependencyMapping.class, Services.contextLoader(DependencyFailures.class),
                    "dependency mapping");
            loaded = found;
        }
        List<DependencyMapping> all = new ArrayList<>(REGISTERED.size() + found.size() + BUILT_IN.size());
        all.addAll(REGISTERED);
        all.addAll(found);
        all.addAll(BUILT_IN);
        return all;
    }
}
