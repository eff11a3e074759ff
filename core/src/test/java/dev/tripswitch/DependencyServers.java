package dev.tripswitch;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For the dependency-circuit scenarios of every module (core's test jar): a healthy loopback service that counts
 * its requests, a port nothing listens on (connections refused), and a service whose first answer is a dropped
 * connection.
 */
public final class DependencyServers {

    private DependencyServers() {
    }

    /** A loopback HTTP service on a free port: {@code /} answers a titled page, {@code /missing} a 404. */
    public static final class Service implements AutoCloseable {
        private final HttpServer server;
        public final AtomicInteger requests = new AtomicInteger();

        private Service(int dropFirst) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            AtomicInteger dropped = new AtomicInteger();
            server.createContext("/", ex -> {
                requests.incrementAndGet();
                if (dropped.getAndIncrement() < dropFirst) {
                    ex.close(); // no answer at all: the connection is dropped
                    return;
                }
                boolean missing = ex.getRequestURI().getPath().startsWith("/missing");
                byte[] body = ("<html><head><title>" + (missing ? "Not found" : "Service") + "</title></head>"
                        + "<body>ok</body></html>").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(missing ? 404 : 200, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.start();
        }

        public static Service start() {
            return new Service(0);
        }

        /** A service whose first {@code n} requests get no answer (a flaky connection). */
        public static Service droppingFirst(int n) {
            return new Service(n);
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        /** The dependency's name, {@code 127.0.0.1:<port>}. */
        public String dependency() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A loopback port nothing listens on (taken free, then closed): connections to it are refused. */
    public static int deadPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET of {@code url} through {@code client}; the body. */
    public static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
