package dev.tripswitch.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.edge.EdgeDriver;
import org.openqa.selenium.edge.EdgeDriverService;
import org.openqa.selenium.edge.EdgeOptions;
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.FirefoxProfile;
import org.openqa.selenium.firefox.GeckoDriverService;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.service.DriverService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One browser and its WebDriver, owned from start to quit.
 *
 * <p>{@link #start(BrowserSettings)} resolves the driver ({@link DriverResolver}), gives the browser a fresh
 * temporary profile directory, and starts it headless unless told otherwise. {@link #driver()} hands out the
 * current driver; {@link #restart()} quits it and starts a new one (the driver object changes: ask
 * {@link #driver()} again). {@link #close()} always quits: it is safe to call twice, it works on a crashed or
 * hung browser, and it deletes the profile directory. Sessions still open when the JVM exits are closed by a
 * shutdown hook.
 *
 * <p>Chromium is started with {@code --headless=new --disable-gpu --disable-dev-shm-usage
 * --disable-background-networking --disable-component-update --disable-sync --no-first-run} (the first two
 * only when headless), its own {@code --user-data-dir}, {@code --no-sandbox} only when running as root (where
 * Chromium refuses to start otherwise), the workload hint's switches, then the extra arguments.
 *
 * <p>Not thread-safe: one test thread drives one session. The failure injector's timers only touch the
 * browser through their own DevTools connection.
 */
public final class BrowserSession implements AutoCloseable {

    /** The shortest page-load timeout {@link #firstLoad} allows. */
    static final Duration FIRST_LOAD_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<BrowserSession> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (BrowserSession s : OPEN) {
                s.close();
            }
        }, "tripswitch-browser-sessions-close"));
    }

    private BrowserSettings settings;
    private ResolvedDriver resolved;
    private WebDriver driver;
    private DriverService service;
    private Path userDataDir;
    private int starts;
    private volatile boolean closed;

    private BrowserSession(BrowserSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts headless Chrome/Chromium. */
    public static BrowserSession start() {
        return start(BrowserSettings.chrome());
    }

    /** Starts the named browser ({@link Browser#fromName}), headless. */
    public static BrowserSession start(String browserName) {
        return start(BrowserSettings.of(Browser.fromName(browserName)));
    }

    /**
     * Starts a browser as {@code settings} say.
     *
     * @throws BrowserNotAvailableException when the browser cannot be driven on this machine
     */
    public static BrowserSession start(BrowserSettings settings) {
        BrowserSession session = new BrowserSession(settings);
        session.launch();
        return session;
    }

    /** The current driver. After {@link #restart()} this is a different object. */
    public WebDriver driver() {
        if (closed) {
            throw new IllegalStateException("this browser session is closed");
        }
        return driver;
    }

    public BrowserSettings settings() {
        return settings;
    }

    /** The browser this session drives now (a recovery fallback may have changed it). */
    public Browser browser() {
        return settings.browser();
    }

    /** How the driver was found, including how long resolution took. */
    public ResolvedDriver resolvedDriver() {
        return resolved;
    }

    /** How many times a browser was started in this session (1 after start, +1 per restart). */
    public int starts() {
        return starts;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * True when the browser answers a trivial script on the current page. A crashed tab, a dead browser or a
     * page whose main thread is blocked (for up to the page-load timeout) gives false; never throws.
     */
    public boolean healthy() {
        if (closed || driver == null) {
            return false;
        }
        try {
            Object state = ((JavascriptExecutor) driver).executeScript("return document.readyState");
            return state != null;
        } catch (WebDriverException e) {
            return false;
        }
    }

    /** Quits the browser and starts a new one with the same settings. */
    public void restart() {
        restart(settings);
    }

    /** Quits the browser and starts a new one with {@code newSettings} (which this session keeps). */
    public void restart(BrowserSettings newSettings) {
        if (closed) {
            throw new IllegalStateException("this browser session is closed");
        }
        quitBrowser();
        this.settings = Objects.requireNonNull(newSettings, "newSettings");
        launch();
    }

    /** Quits the browser (whatever state it is in) and deletes its profile directory. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            quitBrowser();
        } finally {
            OPEN.remove(this);
        }
    }

    /**
     * Loads {@code url} in a browser that has just started, allowing the first load at least
     * {@link #FIRST_LOAD_TIMEOUT}: on a busy machine a new browser's first page (which starts a renderer) can
     * take longer than a page-load timeout chosen to catch hung pages.
     */
    void firstLoad(String url) {
        WebDriver d = driver();
        Duration normal = settings.pageLoadTimeout();
        Duration generous = normal.compareTo(FIRST_LOAD_TIMEOUT) < 0 ? FIRST_LOAD_TIMEOUT : normal;
        d.manage().timeouts().pageLoadTimeout(generous);
        try {
            d.get(url);
        } finally {
            d.manage().timeouts().pageLoadTimeout(normal);
        }
    }

    // ------------------------------------------------------------------ DevTools access for the injector

    /** True when DevTools commands can be sent (Chromium-based browsers). */
    boolean supportsCdp() {
        return driver instanceof HasCdp;
    }

    /** A DevTools connection of its own attached to the current window's page. */
    CdpChannel openChannel() {
        return CdpChannel.attach(driver, driver.getWindowHandle());
    }

    // ------------------------------------------------------------------ start and quit

    private void launch() {
        resolved = DriverResolver.resolve(settings.browser());
        try {
            userDataDir = Files.createTempDirectory("tripswitch-" + settings.browser().displayName() + "-");
        } catch (IOException e) {
            throw new WebDriverException("cannot create a temporary profile directory", e);
        }
        OPEN.add(this);
        try {
            driver = newDriver();
            driver.manage().timeouts().pageLoadTimeout(settings.pageLoadTimeout());
            driver.manage().timeouts().scriptTimeout(settings.scriptTimeout());
            starts++;
        } catch (RuntimeException | Error e) {
            quitBrowser();
            OPEN.remove(this);
            throw e;
        }
    }

    private WebDriver newDriver() {
        ClientConfig client = ClientConfig.defaultConfig().readTimeout(settings.commandTimeout());
        switch (settings.browser()) {
            case FIREFOX: {
                GeckoDriverService s = new GeckoDriverService.Builder()
                        .usingDriverExecutable(resolved.driverPath().toFile()).usingAnyFreePort().build();
                service = s;
                return new FirefoxDriver(s, firefoxOptions(), client);
            }
            case EDGE: {
                EdgeDriverService s = new EdgeDriverService.Builder()
                        .usingDriverExecutable(resolved.driverPath().toFile()).usingAnyFreePort().build();
                service = s;
                EdgeOptions o = new EdgeOptions();
                o.setBinary(resolved.browserBinary().toFile());
                o.addArguments(chromiumArguments());
                return new EdgeDriver(s, o, client);
            }
            default: {
                ChromeDriverService s = new ChromeDriverService.Builder()
                        .usingDriverExecutable(resolved.driverPath().toFile()).usingAnyFreePort().build();
                service = s;
                ChromeOptions o = new ChromeOptions();
                o.setBinary(resolved.browserBinary().toFile());
                o.addArguments(chromiumArguments());
                return new ChromeDriver(s, o, client);
            }
        }
    }

    /** The Chromium command line this session uses (see the class comment). */
    List<String> chromiumArguments() {
        List<String> args = new ArrayList<>();
        if (settings.headless()) {
            args.add("--headless=new");
            args.add("--disable-gpu");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            args.add("--no-sandbox"); // Chromium does not start as root otherwise
        }
        args.add("--disable-dev-shm-usage");
        args.add("--disable-background-networking");
        args.add("--disable-component-update");
        args.add("--disable-sync");
        args.add("--no-first-run");
        args.add("--user-data-dir=" + userDataDir);
        if (settings.workload() != null) {
            args.addAll(settings.workload().chromiumArguments());
        }
        args.addAll(settings.arguments());
        return args;
    }

    private FirefoxOptions firefoxOptions() {
        FirefoxOptions o = new FirefoxOptions();
        o.setBinary(resolved.browserBinary());
        if (settings.headless()) {
            o.addArguments("-headless");
        }
        FirefoxProfile profile = new FirefoxProfile(userDataDir.toFile());
        for (String a : settings.arguments()) {
            int eq = a.indexOf('=');
            if (eq > 0 && !a.startsWith("-")) {
                profile.setPreference(a.substring(0, eq), a.substring(eq + 1)); // key=value is a preference
            } else {
                o.addArguments(a);
            }
        }
        o.setProfile(profile);
        return o;
    }

    /** Quits the driver; whatever survives that (a hung or crashed browser) is stopped by process. */
    private void quitBrowser() {
        WebDriver d = driver;
        driver = null;
        if (d != null) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                // a dead or hung browser: fall through to stopping the processes
            }
        }
        Path dir = userDataDir;
        if (dir != null) {
            killLeftoverBrowserProcesses(dir);
        }
        DriverService s = service;
        service = null;
        if (s != null) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        if (dir != null) {
            deleteRecursively(dir);
            userDataDir = null;
        }
    }

    /**
     * Stops the browser processes this session started that outlived {@code quit()}: descendants of this JVM
     * whose command line names this session's profile directory, and their children, deepest first so that
     * each is reaped by its still-running parent.
     */
    private static void killLeftoverBrowserProcesses(Path profileDir) {
        String marker = profileDir.toString();
        List<ProcessHandle> roots = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle root : roots) {
            List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
            java.util.Collections.reverse(tree);
            tree.add(root);
            for (ProcessHandle p : tree) {
                p.destroyForcibly();
                try {
                    p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    // keep going: the others must be stopped too
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // retried below: the browser may still be writing its last files
                    }
                });
            } catch (IOException e) {
                // the directory is gone or unreadable
            }
            if (!Files.exists(dir)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "BrowserSession[" + settings.browser().displayName() + (settings.headless() ? ", headless" : "")
                + (closed ? ", closed" : "") + "]";
    }
}
