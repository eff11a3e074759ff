package dev.tripswitch.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.SeleniumCdpConnection;
import org.openqa.selenium.devtools.idealized.target.model.SessionID;
import org.openqa.selenium.remote.http.ClientConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A DevTools connection of our own, attached to one page target, next to ChromeDriver's. Used where a
 * command must not queue behind ChromeDriver (interrupting a hung page) and where events must be answered
 * (request interception). Closing the channel detaches from the target, and the browser then drops whatever
 * this channel had switched on (request interception stops).
 */
final class CdpChannel implements AutoCloseable {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Connection connection;
    private final SessionID session;
    private final String targetId;

    private CdpChannel(Connection connection, SessionID session, String targetId) {
        this.connection = connection;
        this.session = session;
        this.targetId = targetId;
    }

    /** Attaches a new connection to the page target {@code targetId} (a window handle in ChromeDriver). */
    static CdpChannel attach(WebDriver driver, String targetId) {
        Connection connection = SeleniumCdpConnection.create(driver, ClientConfig.defaultConfig())
                .orElseThrow(() -> new IllegalStateException("the browser offers no DevTools connection"));
        try {
            Map<String, Object> attached = connection.sendAndWait(null,
                    new Command<>("Target.attachToTarget", Map.of("targetId", targetId, "flatten", true),
                            CdpChannel::readMap), DEFAULT_TIMEOUT);
            return new CdpChannel(connection, new SessionID((String) attached.get("sessionId")), targetId);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A new connection to the browser with no page attached; only the {@code ...Browser} methods work on it. */
    static CdpChannel attachToBrowser(WebDriver driver) {
        Connection connection = SeleniumCdpConnection.create(driver, ClientConfig.defaultConfig())
                .orElseThrow(() -> new IllegalStateException("the browser offers no DevTools connection"));
        return new CdpChannel(connection, null, null);
    }

    String targetId() {
        return targetId;
    }

    /** Sends a command to the attached page and waits for its result. */
    Map<String, Object> call(String method, Map<String, Object> params, Duration timeout) {
        return connection.sendAndWait(session, new Command<>(method, params, CdpChannel::readMap), timeout);
    }

    Map<String, Object> call(String method, Map<String, Object> params) {
        return call(method, params, DEFAULT_TIMEOUT);
    }

    /** Sends a command to the browser itself (not the attached page) and waits for its result. */
    Map<String, Object> callBrowser(String method, Map<String, Object> params, Duration timeout) {
        return connection.sendAndWait(null, new Command<>(method, params, CdpChannel::readMap), timeout);
    }

    /** Sends a command to the browser itself and does not wait. */
    CompletableFuture<Map<String, Object>> sendBrowser(String method, Map<String, Object> params) {
        return connection.send(null, new Command<>(method, params, CdpChannel::readMap));
    }

    /** Sends a command and does not wait (safe to use from an event handler). */
    CompletableFuture<Map<String, Object>> send(String method, Map<String, Object> params) {
        return connection.send(session, new Command<>(method, params, CdpChannel::readMap));
    }

    /** Calls {@code handler} with the parameters of every {@code method} event. */
    void on(String method, Consumer<Map<String, Object>> handler) {
        connection.addListener(new Event<>(method, CdpChannel::readMap), (id, params) -> handler.accept(params));
    }

    @Override
    public void close() {
        try {
            connection.clearListeners();
        } finally {
            connection.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(org.openqa.selenium.json.JsonInput input) {
        Map<String, Object> m = input.read(Map.class);
        return m == null ? Map.of() : m;
    }
}
