package dev.tripswitch.browser.grid;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Selenium Grid for tests: a hub and {@code n} nodes, each a separate {@code java} process running
 * {@code org.openqa.selenium.grid.Main} from Maven Central's {@code selenium-grid} (its class path resolved once
 * from {@code src/test/grid/pom.xml} into {@code target/}), on free 127.0.0.1 ports, the event bus included.
 * Nodes drive {@code /usr/bin/chromium} through a driver script of their own that runs {@code /usr/bin/chromedriver},
 * or fails at session start while the node is {@linkplain #breakNode broken}. {@link #close()} stops every
 * process it started (and their children) by PID and checks that none is left. Shared with the adapters' Grid
 * tests through core's test-jar (they set the same {@code tripswitch.test.grid-*} system properties).
 */
public final class LocalGrid implements AutoCloseable {

    static final Duration READY_CEILING = Duration.ofSeconds(180);

    private final Path dir;
    private final URI hub;
    private final Process hubProcess;
    private final List<Node> nodes = new ArrayList<>();
    private final List<ProcessHandle> started = new ArrayList<>();

    /** One node: its address, its process and its driver script's directory. */
    public record Node(URI uri, Process process, Path driverDir) {
        public String circuitName() {
            return GridNode.circuitName(uri);
        }
    }

    private LocalGrid(Path dir, URI hub, Process hubProcess) {
        this.dir = dir;
        this.hub = hub;
        this.hubProcess = hubProcess;
        started.add(hubProcess.toHandle());
    }

    /** Starts a hub and {@code nodeCount} nodes and waits until the hub reports all of them UP. */
    public static LocalGrid start(int nodeCount) throws IOException, InterruptedException {
        return start(nodeCount, false);
    }

    /**
     * Like {@link #start(int)}; {@code tagged}: each node's stereotype carries {@value GridNode#TAG} = its name
     * ({@code node1}, ...), so that sessions can be asked of one chosen node.
     */
    public static LocalGrid start(int nodeCount, boolean tagged) throws IOException, InterruptedException {
        String classpath = gridClasspath();
        Path dir = Files.createTempDirectory("tripswitch-grid");
        int hubPort = freePort();
        String bus = "publish = \"tcp://127.0.0.1:" + freePort() + "\"\nsubscribe = \"tcp://127.0.0.1:"
                + freePort() + "\"\n";
        Path hubToml = write(dir.resolve("hub.toml"), "[server]\nhost = \"127.0.0.1\"\nport = " + hubPort
                + "\n[events]\n" + bus + "[distributor]\nhealthcheck-interval = 5\n"
                + "[sessionqueue]\nsession-request-timeout = 120\n");
        LocalGrid grid = new LocalGrid(dir, URI.create("http://127.0.0.1:" + hubPort),
                launch(classpath, "hub", hubToml, dir.resolve("hub.log")));
        try {
            for (int i = 1; i <= nodeCount; i++) {
                grid.addNode(classpath, "node" + i, bus, tagged);
            }
            grid.awaitNodesUp(nodeCount);
            return grid;
        } catch (IOException | InterruptedException | RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    public URI address() {
        return hub;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(URI uri) {
        return nodes.stream().filter(n -> n.uri().equals(uri)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node at " + uri));
    }

    /** From now on the node's driver fails at session start (its process exits at once). */
    public void breakNode(Node node) throws IOException {
        Files.writeString(node.driverDir().resolve("broken"), "broken on purpose by the test");
    }

    /** The node's driver works again. */
    public void repairNode(Node node) throws IOException {
        Files.deleteIfExists(node.driverDir().resolve("broken"));
    }

    /** The node's machine dies: its process and every process it started are killed at once. */
    public void kill(Node node) throws InterruptedException {
        killTree(node.process().toHandle());
    }

    /**
     * The local addresses the hub's and the nodes' own processes listen on (their HTTP servers and the event bus),
     * as {@code ss -ltnp} lists them.
     */
    public List<String> listeningAddresses() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-ltnpH").redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ss.waitFor(30, TimeUnit.SECONDS) || ss.exitValue() != 0) {
            throw new IllegalStateException("ss -ltnpH failed: " + out);
        }
        List<String> addresses = new ArrayList<>();
        for (String line : out.split("\n")) {
            for (ProcessHandle p : started) {
                if (line.contains("pid=" + p.pid() + ",")) {
                    addresses.add(line.trim().split("\\s+")[3]);
                }
            }
        }
        return addresses;
    }

    /** Every process this grid started that still runs (its children included). */
    public List<ProcessHandle> alive() {
        List<ProcessHandle> out = new ArrayList<>();
        for (ProcessHandle p : started) {
            p.descendants().forEach(out::add);
            if (p.isAlive()) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        for (Node n : nodes) {
            killTree(n.process().toHandle());
        }
        killTree(hubProcess.toHandle());
        if (!alive().isEmpty()) {
            throw new IllegalStateException("Grid processes still alive after stopping: " + alive());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the temporary directory stays behind; nothing runs any more
        }
    }

    // ------------------------------------------------------------------ start-up

    private void addNode(String classpath, String name, String bus, boolean tagged) throws IOException {
        Path driverDir = Files.createDirectories(dir.resolve(name));
        Path driver = write(driverDir.resolve("chromedriver"), "#!/bin/sh\n"
                + "if [ -e \"$(dirname \"$0\")/broken\" ]; then\n"
                + "  echo 'tripswitch test grid: the driver of this node is broken on purpose' >&2\n"
                + "  exit 3\nfi\nexec /usr/bin/chromedriver \"$@\"\n");
        Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        Path toml = write(driverDir.resolve("node.toml"), "[server]\nhost = \"127.0.0.1\"\nport = " + port
                + "\n[events]\n" + bus + "[node]\nhub = \"" + hub + "\"\ndetect-drivers = false\n"
                + "selenium-manager = false\nmax-sessions = 1\n"
                + "[[node.driver-configuration]]\ndisplay-name = \"Chromium\"\nwebdriver-executable = \"" + driver
                + "\"\nmax-sessions = 1\nstereotype = '{\"browserName\": \"chrome\", "
                + (tagged ? "\"" + GridNode.TAG + "\": \"" + name + "\", " : "")
                + "\"goog:chromeOptions\": {\"binary\": \"/usr/bin/chromium\"}}'\n");
        Process p = launch(classpath, "node", toml, driverDir.resolve("node.log"));
        started.add(p.toHandle());
        nodes.add(new Node(URI.create("http://127.0.0.1:" + port), p, driverDir));
    }

    private void awaitNodesUp(int count) throws InterruptedException {
        GridClient client = new GridClient(hub);
        long deadline = System.nanoTime() + READY_CEILING.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (ProcessHandle p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Grid process (pid " + p.pid() + ") exited; logs in " + dir);
                }
            }
            try {
                List<GridNode> up = client.nodes().stream().filter(GridNode::up).toList();
                if (up.size() == count && ready()) {
                    return;
                }
                last = up.size() + " of " + count + " nodes up";
            } catch (IllegalStateException notYet) {
                last = notYet.getMessage();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Grid at " + hub + " was not ready within " + READY_CEILING + ": " + last
                + "; logs in " + dir);
    }

    private boolean ready() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.resolve("/status"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.body().replace(" ", "").contains("\"ready\":true");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process launch(String classpath, String role, Path toml, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "org.openqa.selenium.grid.Main", role, "--config", toml.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The Grid's class path, resolved by Maven from {@code src/test/grid/pom.xml} the first time and kept in
     * {@code target/selenium-grid-classpath.txt}.
     */
    private static String gridClasspath() throws IOException, InterruptedException {
        Path file = Path.of(property("tripswitch.test.grid-classpath"));
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            String version = property("tripswitch.test.selenium-grid.version");
            Path log = Files.createTempFile("grid-classpath", ".log");
            List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-f",
                    property("tripswitch.test.grid-pom"), "dependency:build-classpath",
                    "-Dselenium-grid.version=" + version, "-Dmdep.outputFile=" + file));
            String repo = System.getProperty("maven.repo.local");
            if (repo != null) {
                command.add("-Dmaven.repo.local=" + repo);
            }
            Process mvn = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0 || !Files.isRegularFile(file)) {
                mvn.destroyForcibly();
                throw new IllegalStateException("could not resolve org.seleniumhq.selenium:selenium-grid:" + version
                        + " (" + String.join(" ", command) + "): " + Files.readString(log));
            }
            Files.delete(log);
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the Grid tests through"
                    + " Maven (core/pom.xml sets it for Surefire)");
        }
        return v;
    }

    private static void killTree(ProcessHandle root) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(0, root);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + p.pid() + " did not exit after SIGKILL", e);
            }
        }
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
