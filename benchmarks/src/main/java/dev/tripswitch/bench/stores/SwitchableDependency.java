package dev.tripswitch.bench.stores;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dependency the outage benchmark's tests call: a tiny HTTP server on a free loopback port. Up, it answers
 * 200 at once; down, it answers 503 after {@code failMillis} (a dependency that times out before it fails).
 * It counts the requests it answered each way ({@code /warm-up}, a JVM's call before the run, is not counted).
 */
final class SwitchableDependency implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "switchable-dependency");
        t.setDaemon(true);
        return t;
    });
    private final long failMillis;
    private volatile boolean down;
    private final AtomicLong answeredUp = new AtomicLong();
    private final AtomicLong answeredDown = new AtomicLong();

    SwitchableDependency(long failMillis) throws IOException {
        this.failMillis = failMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/warm-up", exchange -> { // a JVM's first call, before the run: not counted
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            boolean isDown = down;
            if (isDown) {
                try {
                    Thread.sleep(failMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            (isDown ? answeredDown : answeredUp).incrementAndGet(); // counted before the caller can see the answer
            byte[] body = (isDown ? "down" : "ok").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(isDown ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void down(boolean value) {
        down = value;
    }

    long answeredUp() {
        return answeredUp.get();
    }

    long answeredDown() {
        return answeredDown.get();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(failMillis + 5000, TimeUnit.MILLISECONDS);
    }
}
