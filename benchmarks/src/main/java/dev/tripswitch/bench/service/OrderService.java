package dev.tripswitch.bench.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tripswitch.samples.LoopbackServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small order service on a free port of 127.0.0.1, the dependency of the service suite: orders are placed
 * ({@code POST /orders}, a form body {@code customer}, {@code sku}, {@code qty}; answers {@code 201} with the order
 * as JSON), read ({@code GET /orders/<id>}) and listed by customer ({@code GET /orders?customer=<name>});
 * {@code GET /health} answers {@code 200} while it is up. Each request costs what a real one would: a wait as for a
 * database ({@code latency}) and a digest of the order as its ETag.
 *
 * <p>It goes down in one of two ways ({@link DownMode}): its port is closed (connections refused, a client knows at
 * once), or it hangs (connections are accepted and never answered until it is back, then dropped; a client learns
 * it only from its own timeout) — the expensive way services fail in real life.
 */
public final class OrderService implements AutoCloseable {

    /** How the service is down. */
    public enum DownMode {
        /** The port is closed: connections are refused. */
        REFUSE("refuse"),
        /** Requests are accepted and never answered while it is down. */
        HANG("hang");

        private final String id;

        DownMode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The mode named {@code id}, or {@code null}. */
        public static DownMode fromId(String id) {
            for (DownMode m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** The longest a hanging request is held: longer than any client timeout, shorter than a forgotten run. */
    private static final Duration LONGEST_HANG = Duration.ofMinutes(10);

    private final int port;
    private final Duration latency;
    private final DownMode downMode;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "order-service");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Map<String, String>> orders = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object upOrDown = new Object();
    private volatile boolean down;
    private HttpServer server;

    private OrderService(Duration latency, DownMode downMode) throws IOException {
        this.latency = latency;
        this.downMode = Objects.requireNonNull(downMode, "downMode");
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** Starts the service on a free port of 127.0.0.1. */
    public static OrderService start(Duration latency, DownMode downMode) throws IOException {
        return new OrderService(latency, downMode);
    }

    /** The base address, e.g. {@code http://127.0.0.1:41234/}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public URI healthUri() {
        return baseUri().resolve("/health");
    }

    public DownMode downMode() {
        return downMode;
    }

    /** Takes the service down ({@code true}) the way its {@link DownMode} says, or brings it back. */
    public synchronized void setDown(boolean goDown) throws IOException {
        synchronized (upOrDown) {
            down = goDown;
            upOrDown.notifyAll(); // hanging requests end (unanswered) when the service is back
        }
        if (downMode == DownMode.REFUSE) {
            if (goDown && server != null) {
                server.stop(0);
                server = null;
            } else if (!goDown && server == null) {
                server = bind(port);
            }
        }
    }

    public boolean isDown() {
        return down;
    }

    private HttpServer bind(int onPort) throws IOException {
        return LoopbackServer.start(onPort, 100, this::handle, workers);
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (down) {
                if (downMode == DownMode.HANG) {
                    hang();
                }
                return; // closed unanswered: the client, long gone after its timeout, sees a dropped connection
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/health")) {
                send(ex, 200, "{\"status\":\"up\"}", null);
            } else if (path.equals("/orders") && ex.getRequestMethod().equals("POST")) {
                place(ex);
            } else if (path.equals("/orders") && ex.getRequestMethod().equals("GET")) {
                list(ex);
            } else if (path.startsWith("/orders/") && ex.getRequestMethod().equals("GET")) {
                read(ex, path.substring("/orders/".length()));
            } else {
                send(ex, 404, "{\"error\":\"not found\"}", null);
            }
        } finally {
            ex.close();
        }
    }

    /** Holds the request while the service is down, up to {@link #LONGEST_HANG}. */
    private void hang() {
        long until = System.nanoTime() + LONGEST_HANG.toNanos();
        synchronized (upOrDown) {
            while (down) {
                long left = (until - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                try {
                    upOrDown.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void place(HttpExchange ex) throws IOException {
        Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String customer = form.get("customer");
        int sku;
        int qty;
        try {
            sku = Integer.parseInt(form.getOrDefault("sku", ""));
            qty = Integer.parseInt(form.getOrDefault("qty", ""));
        } catch (NumberFormatException e) {
            send(ex, 400, "{\"error\":\"sku and qty must be numbers\"}", null);
            return;
        }
        if (customer == null || customer.isBlank() || sku < 1 || sku > 3 || qty < 1) {
            send(ex, 400, "{\"error\":\"customer, sku 1-3 and qty >= 1 are required\"}", null);
            return;
        }
        work();
        long id = ids.incrementAndGet();
        Map<String, String> order = new LinkedHashMap<>();
        order.put("id", String.valueOf(id));
        order.put("customer", customer);
        order.put("sku", String.valueOf(sku));
        order.put("qty", String.valueOf(qty));
        order.put("total", String.format(Locale.ROOT, "%.2f", qty * price(sku)));
        orders.put(id, order);
        send(ex, 201, json(order), etag(order));
    }

    private void read(HttpExchange ex, String id) throws IOException {
        work();
        Map<String, String> order;
        try {
            order = orders.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            order = null;
        }
        if (order == null) {
            send(ex, 404, "{\"error\":\"no such order\"}", null);
        } else {
            send(ex, 200, json(order), etag(order));
        }
    }

    private void list(HttpExchange ex) throws IOException {
        work();
        String customer = form(Objects.requireNonNullElse(ex.getRequestURI().getRawQuery(), "")).get("customer");
        List<String> found = new ArrayList<>();
        orders.values().stream().filter(o -> o.get("customer").equals(customer))
                .sorted((a, b) -> Long.compare(Long.parseLong(a.get("id")), Long.parseLong(b.get("id"))))
                .forEach(o -> found.add(json(o)));
        send(ex, 200, "[" + String.join(",", found) + "]", null);
    }

    private static double price(int sku) {
        return switch (sku) {
            case 1 -> 12.90;
            case 2 -> 48.00;
            default -> 19.50;
        };
    }

    /** What a request spends beyond its own handling: the database's share. */
    private void work() {
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String json(Map<String, String> order) {
        StringBuilder sb = new StringBuilder("{");
        order.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return sb.append('}').toString();
    }

    private static String etag(Map<String, String> order) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return '"' + HexFormat.of().formatHex(sha.digest(json(order).getBytes(StandardCharsets.UTF_8)), 0, 8)
                    + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(HttpExchange ex, int status, String body, String etag) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (etag != null) {
            ex.getResponseHeaders().set("ETag", etag);
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public synchronized void close() {
        synchronized (upOrDown) {
            down = false;
            upOrDown.notifyAll();
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
        workers.shutdownNow();
    }
}
