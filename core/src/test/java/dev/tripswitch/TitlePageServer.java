package dev.tripswitch;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * One HTML page with a given title, served on 127.0.0.1 for browser tests. Shared with the other modules'
 * tests through core's test jar.
 */
public final class TitlePageServer implements AutoCloseable {

    private final HttpServer server;

    private TitlePageServer(HttpServer server) {
        this.server = server;
    }

    /** Serves a page titled {@code title} at every path, on a free port. */
    public static TitlePageServer start(String title) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = ("<html><head><title>" + title + "</title></head><body>ok</body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/", ex -> {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
            return new TitlePageServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve a test page on 127.0.0.1", e);
        }
    }

    /** The page's address, e.g. {@code http://127.0.0.1:43121/}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
