package dev.tripswitch.redis;

import dev.tripswitch.internal.StoreProviders;
import dev.tripswitch.store.CircuitStore;
import dev.tripswitch.store.CircuitStoreProvider;
import dev.tripswitch.store.StoreSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: on a free loopback port, nothing saved to disk, stopped by its PID.
 * It can be stopped and started again on the same port (a Redis outage in the middle of a run). Also what the
 * Redis tests share around it: {@link #openStore} (a store as {@code tripswitch.store} would open it) and
 * {@link #unusedPort()} (a port where nothing answers).
 */
final class RedisServer implements AutoCloseable {

    private final int port;
    private final String password;
    private final Path log;
    private Process process;

    private RedisServer(int port, String password) throws IOException {
        this.port = port;
        this.password = password;
        this.log = Files.createTempFile("tripswitch-redis-", ".log");
    }

    static RedisServer start() throws Exception {
        return start(null);
    }

    /** A server that asks for {@code password} ({@code --requirepass}), or none when null. */
    static RedisServer start(String password) throws Exception {
        RedisServer server = new RedisServer(unusedPort(), password);
        server.startAgain();
        return server;
    }

    /** A loopback port that was free a moment ago. */
    static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The store at {@code uri} in {@code scope}, each call timed out after {@code timeout}, from the providers found. */
    static CircuitStore openStore(String uri, String scope, String timeout) {
        List<CircuitStoreProvider> providers = StoreProviders.all(RedisServer.class.getClassLoader());
        StoreSettings s = StoreSettings.from(Map.of("tripswitch.store", uri, "tripswitch.store.scope", scope,
                "tripswitch.store.timeout", timeout), "system property", providers);
        return s.providerAmong(providers).open(s);
    }

    /**
     * As {@link #openStore}, but the store's script times operations by {@code clock} instead of the server's
     * {@code TIME} (for scenarios that move time without sleeping).
     */
    static CircuitStore openStoreTimedBy(Clock clock, String uri, String scope, String timeout) {
        List<CircuitStoreProvider> providers = StoreProviders.all(RedisServer.class.getClassLoader());
        StoreSettings s = StoreSettings.from(Map.of("tripswitch.store", uri, "tripswitch.store.scope", scope,
                "tripswitch.store.timeout", timeout), "system property", providers);
        return RedisCircuitStore.open(RedisAddress.parse(s), s, clock);
    }

    int port() {
        return port;
    }

    String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    long pid() {
        return process.pid();
    }

    void startAgain() throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": "
                        + Files.readString(log));
            }
            Thread.sleep(20);
        }
    }

    /** True when the server answers on its port (any reply to PING, even NOAUTH). */
    private boolean answers() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return in.read() != -1;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the server (by its PID) and waits until it is gone. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        Files.deleteIfExists(log);
    }
}
