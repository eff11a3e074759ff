package dev.tripswitch.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Pages served on 127.0.0.1 for the browser tests; nothing leaves the machine. */
final class TestPages implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "test-pages");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger apiCalls = new AtomicInteger();

    TestPages() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> send(ex, 200, "text/html",
                "<!doctype html><title>home</title><h1 id='greeting'>hello</h1>"));
        server.createContext("/other", ex -> send(ex, 200, "text/html",
                "<!doctype html><title>other</title><p>another page</p>"));
        server.createContext("/api/data", ex -> {
            apiCalls.incrementAndGet();
            send(ex, 200, "application/json", "{\"ok\":true}");
        });
        server.createContext("/webgl", ex -> send(ex, 200, "text/html", "<!doctype html><title>webgl</title>"
                + "<canvas id='scene' width='64' height='64'></canvas><script>"
                + "window.glLost = 0; window.glRestored = 0;"
                + "const c = document.getElementById('scene');"
                + "window.gl = c.getContext('webgl');"
                + "c.addEventListener('webglcontextlost', e => { e.preventDefault(); window.glLost++; });"
                + "c.addEventListener('webglcontextrestored', () => { window.glRestored++; });"
                + "</script>"));
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
