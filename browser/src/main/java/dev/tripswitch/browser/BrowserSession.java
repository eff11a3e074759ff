package dev.tripswitch.browser;

import dev.tripswitch.browser.grid.GridSession;
import dev.tripswitch.browser.grid.GridSessions;
import dev.tripswitch.browser.grid.GridSettings;
import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyCalls;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.service.DriverService;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * Chromium refuses to start otherwise), the workload hint's switches, then the extra arguments (set up per
 * browser by {@code BrowserDrivers}). The profile directory is a {@code ProfileDirectory}; whatever survives
 * {@code quit()} is stopped by {@code LeftoverProcesses}.
 *
 * <p>When {@value GridSettings#REMOTE} is set, the browser is a session on that Selenium Grid instead
 * ({@link GridSessions}: on a node whose circuit {@code browser@<host:port>} admits it; its end is told to that
 * circuit), with the same arguments but the node's own browser binary and profile.
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
    /** {@link #driver} decorated to watch its navigations ({@code tripswitch.dependencies=auto}); else null. */
    private WebDriver watched;
    private DriverService service;
    private GridSession remote;
    private boolean lossInjected;
    private ProfileDirectory profile;
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

    /**
     * The current driver. After {@link #restart()} this is a different object. With
     * {@code tripswitch.dependencies=auto} it is decorated: {@code get} and {@code navigate().to} are watched calls to
     * the {@code host:port} they load ({@link DependencyWatchingDecorator}).
     */
    public WebDriver driver() {
        if (closed) {
            throw new IllegalStateException("this browser session is closed");
        }
        WebDriver w = watched;
        return w != null ? w : driver;
    }

    /** The driver as started, never decorated: for Tripswitch's own use of the browser (injections, recovery). */
    WebDriver rawDriver() {
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

    /** The Grid node the browser runs on, when it runs on a Grid. */
    public Optional<URI> gridNode() {
        GridSession r = remote;
        return r == null ? Optional.empty() : Optional.of(r.node());
    }

    /** How the driver was found, including how long resolution took; {@code null} for a session on a Grid. */
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
        GridSession r = remote;
        return driver instanceof HasCdp || (r != null && r.offersDevTools());
    }

    /** The failure injector is about to lose this browser on purpose: its Grid node is not to blame for it. */
    void lossInjected() {
        lossInjected = true;
    }

    /** Why {@link #supportsCdp()} is false, for the injection result. */
    String whyNoDevTools() {
        return remote == null ? "this session runs " + browser().displayName()
                : "this session runs " + browser().displayName() + " on Grid node " + remote.node()
                        + ", for which the Grid offers no DevTools (no se:cdp capability)";
    }

    /** A DevTools connection of its own attached to the current window's page. */
    CdpChannel openChannel() {
        return CdpChannel.attach(driver, driver.getWindowHandle());
    }

    // ------------------------------------------------------------------ start and quit

    private void launch() {
        Optional<GridSettings> grid = GridSettings.configured();
        boolean watch = DependencyCalls.enabled();
        Dependency browserDriver = grid.isEmpty() && watch ? Dependency.driver(settings.browser().name()) : null;
        DependencyCalls.before(browserDriver); // refused while the driver's circuit is open
        if (grid.isEmpty()) {
            try {
                resolved = DriverResolver.resolve(settings.browser());
            } catch (RuntimeException e) {
                throw DependencyCalls.failed(browserDriver, e);
            }
            profile = ProfileDirectory.create(settings.browser());
        }
        OPEN.add(this);
        try {
            if (grid.isPresent()) {
                remote = GridSessions.of(grid.get()).open(BrowserDrivers.remoteOptions(settings),
                        ClientConfig.defaultConfig().readTimeout(settings.commandTimeout()));
                driver = remote.driver();
            } else {
                BrowserDrivers.Started started = BrowserDrivers.start(settings, resolved, profile.path());
                driver = started.driver();
                service = started.service();
            }
            driver.manage().timeouts().pageLoadTimeout(settings.pageLoadTimeout());
            driver.manage().timeouts().scriptTimeout(settings.scriptTimeout());
            watched = watch ? new DependencyWatchingDecorator().decorate(driver) : null;
            starts++;
        } catch (RuntimeException | Error e) {
            quitBrowser();
            OPEN.remove(this);
            DependencyCalls.failed(browserDriver, e);
            throw e;
        }
    }

    /** The Chromium command line this session uses (see the class comment). */
    List<String> chromiumArguments() {
        return BrowserDrivers.chromiumArguments(settings, profile == null ? null : profile.path());
    }

    /** Quits the driver; whatever survives that (a hung or crashed browser) is stopped by process. */
    private void quitBrowser() {
        WebDriver d = driver;
        driver = null;
        watched = null;
        GridSession r = remote;
        remote = null;
        boolean injected = lossInjected;
        lossInjected = false;
        if (r != null && injected) {
            r.quitAfterInjectedLoss();
        } else if (r != null) {
            r.quit(); // tells the node's circuit how the session ended
        } else if (d != null) {
            try {
                d.quit();
            } catch (RuntimeException e) {
                // a dead or hung browser: fall through to stopping the processes
            }
        }
        ProfileDirectory dir = profile;
        if (dir != null) {
            LeftoverProcesses.reap(dir.path());
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
            dir.delete();
            profile = null;
        }
    }

    @Override
    public String toString() {
        return "BrowserSession[" + settings.browser().displayName() + (settings.headless() ? ", headless" : "")
                + (closed ? ", closed" : "") + "]";
    }
}
