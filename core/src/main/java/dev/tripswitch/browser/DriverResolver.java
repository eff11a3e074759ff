package dev.tripswitch.browser;

import io.github.bonigarcia.wdm.WebDriverManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the driver and the binary of a browser through WebDriverManager, preferring what is installed on this
 * machine so that resolution works with no network.
 *
 * <p>When a driver is installed locally (a system property, or on the {@code PATH}), its exact version is
 * read from {@code <driver> --version}, a link to it is placed in WebDriverManager's cache layout
 * ({@code <cachePath>/<driver>/<platform>/<version>/<driver>}) and WebDriverManager is asked for exactly that
 * version with browser detection off: it then resolves from its cache without going online. With no local
 * driver, WebDriverManager is allowed to download one; if that fails too, a {@link BrowserNotAvailableException}
 * says which browser is missing what.
 *
 * <p>Results are kept per browser for the life of the JVM: only the first session of each browser pays for
 * resolution.
 *
 * <p>System properties: {@code tripswitch.browser.<browser>.binary} and {@code tripswitch.browser.<browser>.driver}
 * point at a binary or driver explicitly ({@code <browser>} is {@code chrome}, {@code firefox} or
 * {@code edge}); the Selenium properties {@code webdriver.chrome.driver}, {@code webdriver.gecko.driver},
 * {@code webdriver.edge.driver} are honoured too; {@code tripswitch.browser.cachePath} moves the
 * WebDriverManager cache (default {@code ~/.cache/tripswitch/webdriver}).
 */
public final class DriverResolver {

    private static final Map<Browser, ResolvedDriver> RESOLVED = new ConcurrentHashMap<>();
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");
    private static final int DOWNLOAD_TIMEOUT_SECONDS = 10;

    private DriverResolver() {
    }

    /** WebDriverManager is optional: without it a locally installed driver is used directly. */
    private static final boolean WEBDRIVERMANAGER_PRESENT = isPresent("io.github.bonigarcia.wdm.WebDriverManager");

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, DriverResolver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The driver and binary for {@code browser}, resolved once per JVM.
     *
     * @throws BrowserNotAvailableException when the browser or its driver is not on this machine and cannot be
     *                                      downloaded
     */
    public static ResolvedDriver resolve(Browser browser) {
        ResolvedDriver known = RESOLVED.get(browser);
        if (known != null) {
            return known;
        }
        synchronized (RESOLVED) {
            return RESOLVED.computeIfAbsent(browser, DriverResolver::resolveNow);
        }
    }

    /** Resolves again, ignoring what an earlier call found (for tests and for measuring). */
    public static ResolvedDriver resolveFresh(Browser browser) {
        ResolvedDriver fresh = resolveNow(browser);
        RESOLVED.put(browser, fresh);
        return fresh;
    }

    private static ResolvedDriver resolveNow(Browser browser) {
        long start = System.nanoTime();
        Kind kind = Kind.of(browser);
        Path binary = findBinary(browser, kind)
                .orElseThrow(() -> new BrowserNotAvailableException(browser, "no " + kind.productName
                        + " binary found (looked for " + String.join(", ", kind.binaryNames) + " on the PATH and"
                        + " for system property tripswitch.browser." + browser.displayName() + ".binary)"));
        Optional<Path> local = findLocalDriver(browser, kind);
        Path cache = cachePath();
        if (local.isPresent()) {
            String version = driverVersion(local.get());
            Offline offline = resolveOffline(kind, local.get(), version, cache);
            return new ResolvedDriver(browser, offline.driver, binary, version, offline.how,
                    Duration.ofNanos(System.nanoTime() - start));
        }
        if (!WEBDRIVERMANAGER_PRESENT) {
            throw new BrowserNotAvailableException(browser, "no " + kind.driverName + " found (looked on the PATH,"
                    + " in system properties tripswitch.browser." + browser.displayName() + ".driver and "
                    + kind.seleniumProperty + "), and WebDriverManager (io.github.bonigarcia:webdrivermanager) is not"
                    + " on the class path to download one");
        }
        try {
            WebDriverManager wdm = kind.manager().cachePath(cache.toString()).avoidShutdownHook()
                    .timeout(DOWNLOAD_TIMEOUT_SECONDS);
            wdm.setup();
            Path driver = Paths.get(wdm.getDownloadedDriverPath());
            return new ResolvedDriver(browser, driver, binary, driverVersion(driver),
                    "downloaded by WebDriverManager into " + cache, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            throw new BrowserNotAvailableException(browser, "no " + kind.driverName + " found (looked on the PATH,"
                    + " in system properties tripswitch.browser." + browser.displayName() + ".driver and "
                    + kind.seleniumProperty + ") and WebDriverManager could not download one: "
                    + firstLine(e), e);
        }
    }

    private record Offline(Path driver, String how) {
    }

    private static Offline resolveOffline(Kind kind, Path localDriver, String version, Path cache) {
        String platform = platformFolder();
        if (!WEBDRIVERMANAGER_PRESENT) {
            return new Offline(localDriver, "local " + kind.driverName + " " + localDriver
                    + " used directly (WebDriverManager is not on the class path)");
        }
        if (platform == null || "unknown".equals(version)) {
            return new Offline(localDriver, "local " + kind.driverName + " " + localDriver
                    + " used directly (WebDriverManager's cache layout is not known for this platform or version)");
        }
        Path slot = cache.resolve(kind.driverName).resolve(platform).resolve(version).resolve(kind.driverName);
        try {
            Files.createDirectories(slot.getParent());
            if (!Files.exists(slot) || !Files.isSameFile(slot, localDriver)) {
                Files.deleteIfExists(slot);
                Files.createSymbolicLink(slot, localDriver.toAbsolutePath());
            }
            WebDriverManager wdm = kind.manager().cachePath(cache.toString()).driverVersion(version)
                    .avoidBrowserDetection().avoidShutdownHook();
            wdm.setup();
            return new Offline(Paths.get(wdm.getDownloadedDriverPath()), "local " + kind.driverName + " "
                    + localDriver + " " + version + " resolved offline by WebDriverManager from its cache " + cache);
        } catch (IOException | RuntimeException e) {
            // the local driver works without WebDriverManager's bookkeeping: say so rather than fail
            return new Offline(localDriver, "local " + kind.driverName + " " + localDriver
                    + " used directly; WebDriverManager did not resolve it from " + cache + ": " + firstLine(e));
        }
    }

    private static Optional<Path> findBinary(Browser browser, Kind kind) {
        String explicit = System.getProperty("tripswitch.browser." + browser.displayName() + ".binary");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Paths.get(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return onPath(kind.binaryNames);
    }

    private static Optional<Path> findLocalDriver(Browser browser, Kind kind) {
        for (String property : List.of("tripswitch.browser." + browser.displayName() + ".driver",
                kind.seleniumProperty)) {
            String explicit = System.getProperty(property);
            if (explicit != null && !explicit.isBlank() && Files.isExecutable(Paths.get(explicit))) {
                return Optional.of(Paths.get(explicit));
            }
        }
        return onPath(List.of(kind.driverName));
    }

    private static Optional<Path> onPath(List<String> names) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : names) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Paths.get(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The version a driver reports for {@code --version}, e.g. {@code 156.0.8078.108}, or "unknown". */
    static String driverVersion(Path driver) {
        try {
            Process p = new ProcessBuilder(driver.toString(), "--version").redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static Path cachePath() {
        String configured = System.getProperty("tripswitch.browser.cachePath");
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "tripswitch", "webdriver");
    }

    private static String platformFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (os.contains("linux") && x64) {
            return "linux64";
        }
        if (os.contains("mac")) {
            return arch.contains("aarch64") || arch.contains("arm") ? "mac-arm64" : "mac-x64";
        }
        if (os.contains("win")) {
            return x64 ? "win64" : "win32";
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** What differs between the browsers when looking for them. */
    private enum Kind {
        CHROME("Chrome/Chromium", List.of("google-chrome", "google-chrome-stable", "chromium", "chromium-browser"),
                "chromedriver", "webdriver.chrome.driver"),
        FIREFOX("Firefox", List.of("firefox", "firefox-esr"), "geckodriver", "webdriver.gecko.driver"),
        EDGE("Microsoft Edge", List.of("microsoft-edge", "microsoft-edge-stable", "msedge"), "msedgedriver",
                "webdriver.edge.driver");

        final String productName;
        final List<String> binaryNames;
        final String driverName;
        final String seleniumProperty;

        Kind(String productName, List<String> binaryNames, String driverName, String seleniumProperty) {
            this.productName = productName;
            this.binaryNames = binaryNames;
            this.driverName = driverName;
            this.seleniumProperty = seleniumProperty;
        }

        static Kind of(Browser browser) {
            switch (browser) {
                case FIREFOX:
                    return FIREFOX;
                case EDGE:
                    return EDGE;
                default:
                    return CHROME;
            }
        }

        WebDriverManager manager() {
            switch (this) {
                case FIREFOX:
                    return WebDriverManager.firefoxdriver();
                case EDGE:
                    return WebDriverManager.edgedriver();
                default:
                    return WebDriverManager.chromedriver();
            }
        }
    }
}
