package dev.tripswitch.browser.grid;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where browser sessions go when they run on a Selenium Grid, and how sessions avoid the Grid's broken nodes.
 *
 * <table>
 *   <caption>Settings (a system property wins over {@code tripswitch.properties} on the class path)</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #REMOTE}</td><td>unset: local browsers</td><td>the Grid's address, {@code http://} or
 *       {@code https://} with a host and no query, e.g. {@code http://127.0.0.1:4444}</td></tr>
 *   <tr><td>{@value #ATTEMPTS}</td><td>{@value #DEFAULT_ATTEMPTS}</td><td>how often one session is asked of the
 *       Grid (1 to 20) before the last failure is the test's: a session creation that failed on a node, or a
 *       session that landed on a node whose circuit refuses it, is asked again</td></tr>
 *   <tr><td>{@value #NODE_CIRCUIT_SETTINGS}</td><td>unset: the circuit of the protected test that opens the
 *       session ({@value #DEFAULT_NODE_CIRCUIT_SETTINGS} outside a protected test)</td><td>the circuit whose
 *       settings (counting and timing; not its health check) a node circuit {@code browser@<host:port>} gets when
 *       a session first reaches its node, unless that node circuit is given settings of its own
 *       ({@code tripswitch.circuit.browser@<host:port>.<setting>}). Set it when tests of circuits with different
 *       settings share a Grid, so that a node's circuit does not depend on which test reached the node
 *       first</td></tr>
 * </table>
 *
 * @param remote           the Grid's address
 * @param attempts         how often one session is asked of the Grid
 * @param nodeCircuitsLike the circuit whose settings the node circuits copy, or {@code null}: the circuit of the
 *                         protected test that opens the session
 */
public record GridSettings(URI remote, int attempts, String nodeCircuitsLike) {

    public static final String REMOTE = "tripswitch.browser.remote";
    public static final String ATTEMPTS = "tripswitch.browser.remote.attempts";
    public static final String NODE_CIRCUIT_SETTINGS = "tripswitch.browser.remote.circuit";
    public static final int DEFAULT_ATTEMPTS = 5;
    /** Whose settings node circuits take for a session opened outside a protected test (unless set apart). */
    public static final String DEFAULT_NODE_CIRCUIT_SETTINGS = "browser";
    static final int MAX_ATTEMPTS = 20;
    /** The settings file core reads circuit settings from, on the test class path; the Grid settings may be there too. */
    private static final String FILE_NAME = "tripswitch.properties";

    public GridSettings {
        Objects.requireNonNull(remote, "remote");
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException(ATTEMPTS + " must be a whole number from 1 to " + MAX_ATTEMPTS
                    + ", but was " + attempts);
        }
    }

    /** A Grid at {@code remote} with the default attempts, its node circuits like the circuit of each test. */
    public static GridSettings of(String remote) {
        return new GridSettings(parseRemote(remote, "code"), DEFAULT_ATTEMPTS, null);
    }

    /**
     * The Grid configured by system properties or {@code tripswitch.properties} on the context class loader's
     * class path; empty when {@value #REMOTE} is not set (or blank).
     *
     * @throws IllegalArgumentException naming the setting, the value, where it was given and what is allowed
     */
    public static Optional<GridSettings> configured() {
        Properties file = classpathFile(Thread.currentThread().getContextClassLoader());
        String remote = value(REMOTE, file);
        if (remote == null) {
            return Optional.empty();
        }
        String attempts = value(ATTEMPTS, file);
        String like = value(NODE_CIRCUIT_SETTINGS, file);
        return Optional.of(new GridSettings(parseRemote(remote, where(REMOTE)),
                attempts == null ? DEFAULT_ATTEMPTS : parseAttempts(attempts, where(ATTEMPTS)),
                like));
    }

    /** {@code text} as a Grid address, or a message naming {@value #REMOTE}, the value, {@code source} and the rule. */
    static URI parseRemote(String text, String source) {
        String problem = null;
        URI uri = null;
        try {
            uri = new URI(text.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                problem = "its scheme is " + (scheme == null ? "missing" : "'" + scheme + "'");
            } else if (uri.getHost() == null) {
                problem = "it names no host";
            } else if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                problem = "it has a query, a fragment or user information";
            }
        } catch (URISyntaxException e) {
            problem = "it is not a URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw new IllegalArgumentException(REMOTE + "='" + text + "' (" + source + ") is refused: " + problem
                    + "; allowed is the Grid's http:// or https:// address with a host, for example"
                    + " http://127.0.0.1:4444");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        return URI.create(uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority() + path);
    }

    private static int parseAttempts(String text, String source) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= MAX_ATTEMPTS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(ATTEMPTS + "='" + text + "' (" + source + ") is refused: allowed is a"
                + " whole number from 1 to " + MAX_ATTEMPTS);
    }

    private static String where(String key) {
        return System.getProperty(key) != null ? "system property" : FILE_NAME;
    }

    private static String value(String key, Properties file) {
        String v = System.getProperty(key);
        if (v == null && file != null) {
            v = file.getProperty(key);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Properties classpathFile(ClassLoader loader) {
        URL url = (loader != null ? loader : GridSettings.class.getClassLoader()).getResource(FILE_NAME);
        if (url == null) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(FILE_NAME + " (" + url + ") could not be read for "
                    + REMOTE + ": " + e.getMessage(), e);
        }
        return p;
    }
}
