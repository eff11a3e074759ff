package dev.tripswitch.internal;

import dev.tripswitch.HealthCheck;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * The health check behind {@code healthUrl}: a GET answered with any 2xx status is healthy. Connecting and
 * reading are each bounded by {@code timeout}; any other status, or no answer in time, is "not healthy" with
 * a message that names the URL and what happened. Synchronous, on the asking thread: no background threads.
 */
public final class HttpHealthCheck implements HealthCheck {

    /** The most a health check may hold the thread that asks the circuit, per connect and per read. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(2);

    private final URI url;
    private final int timeoutMillis;

    public HttpHealthCheck(URI url, Duration timeout) {
        this.url = url;
        this.timeoutMillis = (int) Math.max(1, Math.min(timeout.toMillis(), MAX_TIMEOUT.toMillis()));
    }

    @Override
    public boolean isHealthy() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
        connection.setUseCaches(false);
        try {
            int status = connection.getResponseCode();
            if (status < 200 || status > 299) {
                throw new IOException("GET " + url + " answered HTTP " + status);
            }
            return true;
        } finally {
            connection.disconnect();
        }
    }

    @Override
    public String toString() {
        return "GET " + url + " (any 2xx is healthy, timeouts " + timeoutMillis + " ms)";
    }
}
