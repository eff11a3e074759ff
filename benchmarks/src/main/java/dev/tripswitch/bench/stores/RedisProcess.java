package dev.tripswitch.bench.stores;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for the store benchmarks: bound to 127.0.0.1 on a free port, nothing saved to disk,
 * stopped by its PID. {@code REDIS_SERVER} names another executable (default {@code /usr/bin/redis-server}).
 */
public final class RedisProcess implements AutoCloseable {

    private final int port;
    private final Process process;
    private final Path log;

    private RedisProcess(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a server and returns once it answers PING; fails with the server's own output if it does not. */
    public static RedisProcess start() throws IOException, InterruptedException {
        String executable = System.getenv().getOrDefault("REDIS_SERVER", "/usr/bin/redis-server");
        if (!Files.isExecutable(Path.of(executable))) {
            throw new IllegalStateException("REDIS_SERVER=" + executable + " is not an executable file; the store"
                    + " benchmarks need redis-server (apt-get install -y redis-server)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("tripswitch-bench-redis-", ".log");
        Process p = new ProcessBuilder(List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisProcess redis = new RedisProcess(port, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!redis.answers()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new IllegalStateException("redis-server did not start on 127.0.0.1:" + port + ": "
                        + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return redis;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The store location: {@code redis://127.0.0.1:<port>/0}. */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    private boolean answers() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return in.read() == '+';
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops the server by its PID (forcibly after 10 s) and deletes its log. */
    @Override
    public void close() throws IOException, InterruptedException {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle != null && handle.isAlive()) {
            handle.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor();
            }
        }
        Files.deleteIfExists(log);
    }
}
