package dev.tripswitch.internal;

import dev.tripswitch.CircuitBreakerConfig;
import dev.tripswitch.HealthCheck;
import dev.tripswitch.dependency.Dependency;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The health check a dependency circuit of a {@code host:port} ({@code dep:shop:8080}) gets when nobody gave it one
 * ({@code healthUrl} or {@code healthCheck} by name) and {@code tripswitch.dependencies.check} is {@code connect}
 * (the default): a TCP connect to that address, made directly (no proxy). Connected is healthy; refused,
 * unreachable, an unknown host or no connection within the time-out is "not healthy", and the exception says which
 * and names the address ({@code java.net.ConnectException: connect to 127.0.0.1:39517 refused (Connection
 * refused)}). Synchronous, on the asking thread: no background threads.
 *
 * <p>The check is given only when this JVM reaches the dependency when the circuit is made: one connect then decides
 * ({@link #gateFor}). A dependency this JVM cannot reach (behind a remote Grid's network or a proxy the browser uses,
 * or down already) gets no check, and its circuit opens and half-opens by failures and time as a circuit without a
 * check does: a check that cannot reach what the browser reaches would hold the circuit open until
 * {@code recoveryTimeout} after every opening.
 */
public final class ConnectHealthCheck implements HealthCheck {

    /** The longest one connect may take (less when the circuit's {@code healthCheckInterval} is shorter). */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(ConnectHealthCheck.class.getName());

    private final String host;
    private final int port;
    private final int timeoutMillis;

    public ConnectHealthCheck(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = (int) Math.max(1, Math.min(timeout.toMillis(), MAX_TIMEOUT.toMillis()));
    }

    /**
     * The health check of a new circuit named {@code circuitName} with {@code config}: a connect check when the name
     * is a dependency circuit of a {@code host:port} ({@code dep:<host>:<port>}, not a host alone, not a driver),
     * the configuration has no health check ({@code healthCheck}, {@code healthUrl}),
     * {@code tripswitch.dependencies.check} is {@code connect} and one connect to the address succeeds now; null
     * otherwise (the circuit then takes the check of its configuration, if any).
     *
     * @throws dev.tripswitch.CircuitConfigurationException for a bad {@code tripswitch.dependencies.check} (read for
     *                                                      every dependency circuit)
     */
    public static HealthGate gateFor(String circuitName, CircuitBreakerConfig config) {
        if (circuitName == null || !circuitName.startsWith(Dependency.CIRCUIT_PREFIX)) {
            return null;
        }
        boolean on = Switches.dependencyConnectCheck();
        if (!on || config.healthCheck() != null || config.healthUrl() != null) {
            return null;
        }
        String address = circuitName.substring(Dependency.CIRCUIT_PREFIX.length());
        int colon = address.lastIndexOf(':');
        if (address.startsWith("driver:") || colon <= 0 || colon == address.length() - 1
                || !address.substring(colon + 1).chars().allMatch(Character::isDigit)
                || address.length() - colon - 1 > 5) {
            return null; // a host alone, a driver, or a name of the user's own that is no address
        }
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port < 1 || port > 65535) {
            return null;
        }
        ConnectHealthCheck check = new ConnectHealthCheck(address.substring(0, colon), port,
                config.healthCheckInterval());
        try {
            check.isHealthy();
        } catch (IOException notReached) {
            LOG.log(System.Logger.Level.INFO, "Tripswitch: circuit '" + circuitName + "' has no health check: this"
                    + " JVM could not connect to " + address + " when it first met it (" + notReached.getMessage()
                    + "); it opens and half-opens by failures and time. Give it a healthUrl or healthCheck by name"
                    + " to check it otherwise.");
            return null;
        }
        return new HealthGate("health check TCP connect to " + address, () -> check, config.healthCheckInterval(),
                config.earlyWarning(), config.unhealthyThreshold());
    }

    /**
     * @return true when a connection was made (and closed at once)
     * @throws IOException naming the address and what went wrong, of the type of the failure
     */
    @Override
    public boolean isHealthy() throws IOException {
        try (Socket socket = new Socket(Proxy.NO_PROXY)) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            throw described(e);
        }
    }

    private IOException described(IOException e) {
        String what = "connect to " + host + ":" + port + " ";
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
        IOException out;
        if (e instanceof ConnectException) {
            boolean refused = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused");
            out = new ConnectException(what + (refused ? "refused" : "failed") + detail);
        } else if (e instanceof NoRouteToHostException) {
            out = new NoRouteToHostException(what + "unreachable" + detail);
        } else if (e instanceof SocketTimeoutException) {
            out = new SocketTimeoutException(what + "timed out after " + timeoutMillis + " ms" + detail);
        } else if (e instanceof UnknownHostException) {
            out = new UnknownHostException(what + "failed: unknown host" + detail);
        } else {
            out = new IOException(what + "failed: " + e, e);
        }
        if (out.getCause() == null) {
            out.initCause(e);
        }
        return out;
    }

    @Override
    public String toString() {
        return "TCP connect to " + host + ":" + port + " (connected is healthy, time-out " + timeoutMillis + " ms)";
    }
}
