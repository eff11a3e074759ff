package dev.tripswitch.samples;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * An HTTP server on the loopback address for the stand-ins of a dependency (the sample shop, the benchmark's order
 * service), which go down by closing their port and come back on the same one.
 */
public final class LoopbackServer {

    private LoopbackServer() {
    }

    /**
     * A started server on {@code port} (0: a free one) that hands every request to {@code handler} on
     * {@code workers}. A port closed a moment ago can linger: binding it is tried again for about a second.
     */
    public static HttpServer start(int port, int backlog, HttpHandler handler, Executor workers) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
                s.createContext("/", handler);
                s.setExecutor(workers);
                s.start();
                return s;
            } catch (BindException e) {
                last = e;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reopening port " + port, ie);
                }
            }
        }
        throw last;
    }
}
