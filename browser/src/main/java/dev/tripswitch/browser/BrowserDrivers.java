package dev.tripswitch.browser;

import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumOptions;
import org.openqa.selenium.edge.EdgeDriver;
import org.openqa.selenium.edge.EdgeDriverService;
import org.openqa.selenium.edge.EdgeOptions;
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.FirefoxProfile;
import org.openqa.selenium.firefox.GeckoDriverService;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.service.DriverService;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How each browser is started: its driver service on a free port, its options (binary, headless, profile,
 * the settings' arguments) and a client whose read timeout is the settings' command timeout.
 *
 * <p>Chromium and Edge get {@code --headless=new --disable-gpu} (only when headless), {@code --no-sandbox}
 * (only when running as root, where Chromium refuses to start otherwise), {@code --disable-dev-shm-usage
 * --disable-background-networking --disable-component-update --disable-sync --no-first-run}, their own
 * {@code --user-data-dir}, the workload hint's switches, then the extra arguments. Firefox gets
 * {@code -headless} and the profile directory; an extra argument {@code key=value} is a preference.
 */
final class BrowserDrivers {

    private BrowserDrivers() {
    }

    /** A started browser: the driver and the service it talks to (stopped separately when the driver hangs). */
    record Started(WebDriver driver, DriverService service) {
    }

    /** Starts the browser {@code settings} name with the resolved driver and binary and the profile directory. */
    static Started start(BrowserSettings settings, ResolvedDriver resolved, Path profileDir) {
        ClientConfig client = ClientConfig.defaultConfig().readTimeout(settings.commandTimeout());
        switch (settings.browser()) {
            case FIREFOX: {
                GeckoDriverService s = new GeckoDriverService.Builder()
                        .usingDriverExecutable(resolved.driverPath().toFile()).usingAnyFreePort().build();
                return started(s, () -> new FirefoxDriver(s, firefoxOptions(settings, resolved, profileDir), client));
            }
            case EDGE: {
                EdgeDriverService s = new EdgeDriverService.Builder()
                        .usingDriverExecutable(resolved.driverPath().toFile()).usingAnyFreePort().build();
                EdgeOptions o = chromiumOptions(new EdgeOptions(), settings, resolved, profileDir);
                return started(s, () -> new EdgeDriver(s, o, client));
            }
            default: {
                ChromeDriverService s = new ChromeDriverService.Builder()
                        .usingDriverExecutable(resolved.driverPath().toFile()).usingAnyFreePort().build();
                ChromeOptions o = chromiumOptions(new ChromeOptions(), settings, resolved, profileDir);
                return started(s, () -> new ChromeDriver(s, o, client));
            }
        }
    }

    /** Creates the driver; when that fails, the service it may have started is stopped before rethrowing. */
    private static Started started(DriverService service, java.util.function.Supplier<WebDriver> driver) {
        try {
            return new Started(driver.get(), service);
        } catch (RuntimeException | Error e) {
            try {
                service.stop();
            } catch (RuntimeException stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw e;
        }
    }

    /**
     * What a Grid is asked for: the browser and its arguments as for a local start, but no binary and no profile
     * directory (the node has its own; a Chromium session on a Grid gets ChromeDriver's temporary profile).
     */
    static Capabilities remoteOptions(BrowserSettings settings) {
        switch (settings.browser()) {
            case FIREFOX: {
                FirefoxOptions o = new FirefoxOptions();
                if (settings.headless()) {
                    o.addArguments("-headless");
                }
                return o;
            }
            case EDGE:
                return new EdgeOptions().addArguments(chromiumArguments(settings, null));
            default:
                return new ChromeOptions().addArguments(chromiumArguments(settings, null));
        }
    }

    /** Chrome's or Edge's options: the resolved binary and the Chromium command line. */
    private static <O extends ChromiumOptions<O>> O chromiumOptions(O options, BrowserSettings settings,
                                                                    ResolvedDriver resolved, Path profileDir) {
        options.setBinary(resolved.browserBinary().toFile());
        options.addArguments(chromiumArguments(settings, profileDir));
        return options;
    }

    /** The Chromium command line for {@code settings} with profile directory {@code profileDir} (or none). */
    static List<String> chromiumArguments(BrowserSettings settings, Path profileDir) {
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
        if (profileDir != null) {
            args.add("--user-data-dir=" + profileDir);
        }
        if (settings.workload() != null) {
            args.addAll(settings.workload().chromiumArguments());
        }
        args.addAll(settings.arguments());
        return args;
    }

    private static FirefoxOptions firefoxOptions(BrowserSettings settings, ResolvedDriver resolved, Path profileDir) {
        FirefoxOptions o = new FirefoxOptions();
        o.setBinary(resolved.browserBinary());
        if (settings.headless()) {
            o.addArguments("-headless");
        }
        FirefoxProfile profile = new FirefoxProfile(profileDir.toFile());
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
}
