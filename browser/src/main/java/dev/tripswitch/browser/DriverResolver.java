package dev.tripswitch.browser;

import io.github.bonigarcia.wdm.WebDriverManager;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * resolution. Tests use a resolver of their own (package-private constructor) that looks only where they say
 * and keeps its results to itself.
 *
 * <p>System properties: {@code tripswitch.browser.<browser>.binary} and {@code tripswitch.browser.<browser>.driver}
 * point at a binary or driver explicitly ({@code <browser>} is {@code chrome}, {@code firefox} or
 * {@code edge}); the Selenium properties {@code webdriver.chrome.driver}, {@code webdriver.gecko.driver},
 * {@code webdriver.edge.driver} are honoured too; {@code tripswitch.browser.cachePath} moves the
 * WebDriverManager cache (default {@code ~/.cache/tripswitch/webdriver}).
 */
public final class DriverResolver {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+)");
    private static final int DOWNLOAD_TIMEOUT_SECONDS = 10;

    /** The resolver of {@link #resolve}: system properties, the {@code PATH}, the configured cache. */
    private static final DriverResolver SYSTEM = new DriverResolver(null, null, System::getProperty, null, true);

    private final Map<Browser, ResolvedDriver> resolved = new ConcurrentHashMap<>();
    private final Path cachePath;
    private final List<Path> searchPath;
    private final Function<String, String> properties;
    private final URL driverRepository;
    private final boolean exportsDriverProperty;

    /**
     * A resolver that looks only where it is told (for tests, which must not depend on what this machine has
     * installed nor write into the user's own cache).
     *
     * @param cachePath        WebDriverManager's cache; {@code null}: {@code tripswitch.browser.cachePath} or
     *                         {@code ~/.cache/tripswitch/webdriver}
     * @param searchPath       the directories searched for binaries and drivers; {@code null}: the {@code PATH}
     * @param properties       where {@code tripswitch.browser.*} and {@code webdriver.*} settings are read
     * @param driverRepository where WebDriverManager downloads drivers from; {@code null}: its own default
     */
    DriverResolver(Path cachePath, List<Path> searchPath, Function<String, String> properties, URL driverRepository) {
        this(cachePath, searchPath, properties, driverRepository, false);
    }

    /** {@code exportsDriverProperty}: WebDriverManager sets {@code webdriver.*.driver} as it always has. */
    private DriverResolver(Path cachePath, List<Path> searchPath, Function<String, String> properties,
                           URL driverRepository, boolean exportsDriverProperty) {
        this.exportsDriverProperty = exportsDriverProperty;
        this.cachePath = cachePath;
        this.searchPath = searchPath == null ? null : List.copyOf(searchPath);
        this.properties = Objects.requireNonNull(properties, "properties");
        this.driverRepository = driverRepository;
    }

    /**
     * The driver and binary for {@code browser}, resolved once per JVM.
     *
     * @throws BrowserNotAvailableException when the browser or its driver is not on this machine and cannot be
     *                                      downloaded
     */
    public static ResolvedDriver resolve(Browser browser) {
        return SYSTEM.resolveOnce(browser);
    }

    /** What this resolver found for {@code browser} before, else a new resolution. */
    ResolvedDriver resolveOnce(Browser browser) {
        ResolvedDriver known = resolved.get(browser);
        if (known != null) {
            return known;
        }
        synchronized (resolved) {
            return resolved.computeIfAbsent(browser, this::resolveNow);
        }
    }

    /** A new resolution of {@code browser}, kept for later {@link #resolveOnce} calls. */
    ResolvedDriver resolveAgain(Browser browser) {
        ResolvedDriver fresh = resolveNow(browser);
        resolved.put(browser, fresh);
        return fresh;
    }

    private ResolvedDriver resolveNow(Browser browser) {
        long start = System.nanoTime();
        DriverKind kind = DriverKind.of(browser);
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
        if (!OptionalDependencies.webDriverManagerPresent()) {
            throw new BrowserNotAvailableException(browser, "no " + kind.driverName + " found (looked on the PATH,"
                    + " in system properties tripswitch.browser." + browser.displayName() + ".driver and "
                    + kind.seleniumProperty + "), and WebDriverManager (io.github.bonigarcia:webdrivermanager) is not"
                    + " on the class path to download one");
        }
        try {
            WebDriverManager wdm = manager(kind, cache).timeout(DOWNLOAD_TIMEOUT_SECONDS);
            if (driverRepository != null) {
                wdm.driverRepositoryUrl(driverRepository);
            }
            wdm.setup();
            Path driver = Paths.get(wdm.getDownloadedDriverPath());
            return new ResolvedDriver(browser, driver, binary, driverVersion(driver),
                    "downloaded by WebDriverManager into " + cache, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            throw new BrowserNotAvailableException(browser, "no " + kind.driverName + " found (looked on the PATH,"
                    + " in system properties tripswitch.browser." + browser.displayName() + ".driver and "
                    + kind.seleniumProperty + ") and WebDriverManager could not download one: "
                    + Text.firstLine(e), e);
        }
    }

    private WebDriverManager manager(DriverKind kind, Path cache) {
        WebDriverManager wdm = kind.manager().cachePath(cache.toString()).avoidShutdownHook();
        return exportsDriverProperty ? wdm : wdm.avoidExport();
    }

    private record Offline(Path driver, String how) {
    }

    private Offline resolveOffline(DriverKind kind, Path localDriver, String version, Path cache) {
        String platform = platformFolder();
        if (!OptionalDependencies.webDriverManagerPresent()) {
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
            WebDriverManager wdm = manager(kind, cache).driverVersion(version).avoidBrowserDetection();
            wdm.setup();
            return new Offline(Paths.get(wdm.getDownloadedDriverPath()), "local " + kind.driverName + " "
                    + localDriver + " " + version + " resolved offline by WebDriverManager from its cache " + cache);
        } catch (IOException | RuntimeException e) {
            // the local driver works without WebDriverManager's bookkeeping: say so rather than fail
            return new Offline(localDriver, "local " + kind.driverName + " " + localDriver
                    + " used directly; WebDriverManager did not resolve it from " + cache + ": " + Text.firstLine(e));
        }
    }

    private Optional<Path> findBinary(Browser browser, DriverKind kind) {
        String explicit = properties.apply("tripswitch.browser." + browser.displayName() + ".binary");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Paths.get(explicit);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return onPath(kind.binaryNames);
    }

    private Optional<Path> findLocalDriver(Browser browser, DriverKind kind) {
        for (String property : List.of("tripswitch.browser." + browser.displayName() + ".driver",
                kind.seleniumProperty)) {
            String explicit = properties.apply(property);
            if (explicit != null && !explicit.isBlank() && Files.isExecutable(Paths.get(explicit))) {
                return Optional.of(Paths.get(explicit));
            }
        }
        return onPath(List.of(kind.driverName));
    }

    private Optional<Path> onPath(List<String> names) {
        List<Path> dirs = searchPath != null ? searchPath : systemPath();
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
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

    private static List<Path> systemPath() {
        String path = System.getenv("PATH");
        List<Path> dirs = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Paths.get(dir));
                }
            }
        }
        return dirs;
    }

    private Path cachePath() {
        if (cachePath != null) {
            return cachePath;
        }
        String configured = properties.apply("tripswitch.browser.cachePath");
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
}
