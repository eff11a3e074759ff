package dev.tripswitch.samples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A small web shop to test against, served on 127.0.0.1, with a switch that makes it healthy, down
 * (connection refused: the port is really closed), slow, or failing with HTTP 500 — and back.
 *
 * <p>The switch is {@link #switchTo(Mode)} in code, or the admin endpoint on its own port:
 * {@code GET http://127.0.0.1:<adminPort>/admin/mode?set=down} ({@code healthy}, {@code down}, {@code slow},
 * {@code error}); {@code GET /admin/mode} answers the current mode.
 */
public final class SampleApp implements AutoCloseable {

    /** What the application does to requests. */
    public enum Mode {
        HEALTHY, DOWN, SLOW, ERROR;

        static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("mode must be one of healthy, down, slow, error, but was '" + text + "'");
        }
    }

    private static final Map<Integer, String[]> PRODUCTS = Map.of(
            1, new String[]{"Circuit breaker, 16 A", "12.90"},
            2, new String[]{"Fuse box", "48.00"},
            3, new String[]{"Voltage tester", "19.50"});

    private final int port;
    private final Duration slowDelay;
    private final HttpServer admin;
    private final ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "sample-app");
        t.setDaemon(true);
        return t;
    });
    private volatile Mode mode = Mode.HEALTHY;
    private HttpServer app;

    private SampleApp(int port, Duration slowDelay) throws IOException {
        this.slowDelay = slowDelay;
        this.app = bind(port);
        this.port = app.getAddress().getPort();
        this.admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        admin.createContext("/admin/mode", this::adminMode);
        admin.setExecutor(workers);
        admin.start();
    }

    /** Starts the app on a free port of 127.0.0.1; SLOW mode delays each page by {@code slowDelay}. */
    public static SampleApp start(Duration slowDelay) throws IOException {
        return new SampleApp(0, slowDelay);
    }

    public static SampleApp start() throws IOException {
        return start(Duration.ofSeconds(5));
    }

    /** The shop's base address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The admin endpoint's address. */
    public URI adminUri() {
        return URI.create("http://127.0.0.1:" + admin.getAddress().getPort() + "/admin/mode");
    }

    public Mode mode() {
        return mode;
    }

    /** Switches the app; DOWN closes the port (connections are refused), leaving DOWN opens it again. */
    public synchronized void switchTo(Mode next) throws IOException {
        Objects.requireNonNull(next, "mode");
        if (next == Mode.DOWN && app != null) {
            app.stop(0);
            app = null;
        } else if (next != Mode.DOWN && app == null) {
            app = bind(port);
        }
        mode = next;
    }

    private HttpServer bind(int onPort) throws IOException {
        return LoopbackServer.start(onPort, 50, this::page, workers);
    }

    private void adminMode(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        try {
            if (query != null && query.startsWith("set=")) {
                switchTo(Mode.parse(query.substring(4)));
            }
            send(ex, 200, "text/plain", mode.name().toLowerCase(Locale.ROOT) + "\n");
        } catch (IllegalArgumentException e) {
            send(ex, 400, "text/plain", e.getMessage() + "\n");
        }
    }

    private void page(HttpExchange ex) throws IOException {
        Mode now = mode;
        if (now == Mode.SLOW) {
            try {
                Thread.sleep(slowDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (now == Mode.ERROR) {
            send(ex, 500, "text/html", html("Server error", "<h1 id='error'>500 Internal Server Error</h1>"));
            return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/index.html")) {
            StringBuilder items = new StringBuilder("<ul id='products'>");
            PRODUCTS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> items
                    .append("<li><a class='product' href='/product/").append(e.getKey()).append("'>")
                    .append(e.getValue()[0]).append("</a></li>"));
            items.append("</ul>");
            send(ex, 200, "text/html", html("Tripswitch Sample Shop",
                    "<h1 id='welcome'>Tripswitch Sample Shop</h1>" + items
                            + "<form id='search' action='/search'><input name='q' id='q'>"
                            + "<button id='go' type='submit'>Search</button></form>"));
        } else if (path.startsWith("/product/")) {
            String[] product = productOf(path.substring("/product/".length()));
            if (product == null) {
                send(ex, 404, "text/html", html("Not found", "<h1 id='missing'>No such product</h1>"));
            } else {
                send(ex, 200, "text/html", html(product[0],
                        "<h1 id='name'>" + product[0] + "</h1><p id='price'>" + product[1] + " EUR</p>"
                                + "<button id='add' onclick=\"document.getElementById('cart').textContent='1 item'\">"
                                + "Add to cart</button><p id='cart'>empty</p>"));
            }
        } else if (path.equals("/search")) {
            String q = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery().replaceFirst("^q=", "");
            long hits = PRODUCTS.values().stream()
                    .filter(p -> p[0].toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT).replace('+', ' ')))
                    .count();
            send(ex, 200, "text/html", html("Search", "<p id='hits'>" + hits + " results</p>"));
        } else if (path.equals("/api/health")) {
            send(ex, 200, "application/json", "{\"status\":\"up\"}");
        } else {
            send(ex, 404, "text/html", html("Not found", "<h1 id='missing'>Not found</h1>"));
        }
    }

    private static String[] productOf(String id) {
        try {
            return PRODUCTS.get(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String html(String title, String body) {
        return "<!doctype html><html><head><meta charset='utf-8'><title>" + title + "</title></head><body>"
                + body + "</body></html>";
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop(0);
            app = null;
        }
        admin.stop(0);
        workers.shutdownNow();
    }

    /** Runs the app until killed: {@code java dev.tripswitch.samples.SampleApp}. */
    public static void main(String[] args) throws Exception {
        SampleApp app = start();
        System.out.println("shop:  " + app.baseUri());
        System.out.println("admin: " + app.adminUri() + "?set=healthy|down|slow|error");
        Thread.currentThread().join();
    }
}
