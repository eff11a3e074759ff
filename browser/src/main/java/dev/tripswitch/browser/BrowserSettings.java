package dev.tripswitch.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link BrowserSession} starts its browser. Immutable; change a copy with the {@code with...} methods.
 *
 * @param browser         which browser
 * @param headless        headless (the default) or with a window
 * @param arguments       extra command-line switches (Chromium) or {@code key=value} preferences (Firefox)
 * @param workload        a workload hint selecting extra settings, or {@code null}
 * @param pageLoadTimeout WebDriver page-load timeout; ChromeDriver also uses it as the longest wait for an
 *                        answer from a busy renderer
 * @param scriptTimeout   WebDriver script timeout (asynchronous scripts)
 * @param commandTimeout  the longest the client waits for the driver to answer one command
 */
public record BrowserSettings(Browser browser, boolean headless, List<String> arguments, WorkloadHint workload,
                              Duration pageLoadTimeout, Duration scriptTimeout, Duration commandTimeout) {

    public static final Duration DEFAULT_PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SCRIPT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(90);

    public BrowserSettings {
        Objects.requireNonNull(browser, "browser");
        arguments = List.copyOf(arguments);
        requirePositive("pageLoadTimeout", pageLoadTimeout);
        requirePositive("scriptTimeout", scriptTimeout);
        requirePositive("commandTimeout", commandTimeout);
    }

    /** Headless Chrome/Chromium with the default timeouts. */
    public static BrowserSettings chrome() {
        return of(Browser.CHROME);
    }

    /** Headless {@code browser} with the default timeouts. */
    public static BrowserSettings of(Browser browser) {
        return new BrowserSettings(browser, true, List.of(), null, DEFAULT_PAGE_LOAD_TIMEOUT,
                DEFAULT_SCRIPT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Settings from system properties: {@code tripswitch.browser} (a browser name, default {@code chrome}),
     * {@code tripswitch.browser.headless} ({@code true}/{@code false}, default {@code true}),
     * {@code tripswitch.browser.arguments} (extra switches separated by spaces) and
     * {@code tripswitch.browser.workload} ({@code text}, {@code vision}, {@code audio}, {@code multimodal}).
     */
    public static BrowserSettings fromSystemProperties() {
        BrowserSettings s = of(Browser.fromName(System.getProperty("tripswitch.browser", "chrome")));
        String headless = System.getProperty("tripswitch.browser.headless");
        if (headless != null) {
            if (!headless.equalsIgnoreCase("true") && !headless.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("tripswitch.browser.headless must be true or false, but was '"
                        + headless + "'");
            }
            s = s.withHeadless(Boolean.parseBoolean(headless));
        }
        String args = System.getProperty("tripswitch.browser.arguments");
        if (args != null && !args.isBlank()) {
            s = s.withExtraArguments(Arrays.asList(args.trim().split("\\s+")));
        }
        String workload = System.getProperty("tripswitch.browser.workload");
        if (workload != null && !workload.isBlank()) {
            s = s.withWorkload(WorkloadHint.valueOf(workload.trim().toUpperCase(java.util.Locale.ROOT)));
        }
        return s;
    }

    public BrowserSettings withBrowser(Browser value) {
        return new BrowserSettings(value, headless, arguments, workload, pageLoadTimeout, scriptTimeout,
                commandTimeout);
    }

    public BrowserSettings withHeadless(boolean value) {
        return new BrowserSettings(browser, value, arguments, workload, pageLoadTimeout, scriptTimeout,
                commandTimeout);
    }

    /** A copy with {@code extra} appended to the arguments (duplicates are dropped). */
    public BrowserSettings withExtraArguments(List<String> extra) {
        List<String> all = new ArrayList<>(arguments);
        for (String a : extra) {
            if (!all.contains(a)) {
                all.add(a);
            }
        }
        return new BrowserSettings(browser, headless, all, workload, pageLoadTimeout, scriptTimeout,
                commandTimeout);
    }

    public BrowserSettings withWorkload(WorkloadHint value) {
        return new BrowserSettings(browser, headless, arguments, value, pageLoadTimeout, scriptTimeout,
                commandTimeout);
    }

    public BrowserSettings withPageLoadTimeout(Duration value) {
        return new BrowserSettings(browser, headless, arguments, workload, value, scriptTimeout, commandTimeout);
    }

    public BrowserSettings withScriptTimeout(Duration value) {
        return new BrowserSettings(browser, headless, arguments, workload, pageLoadTimeout, value, commandTimeout);
    }

    public BrowserSettings withCommandTimeout(Duration value) {
        return new BrowserSettings(browser, headless, arguments, workload, pageLoadTimeout, scriptTimeout, value);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, but was " + value);
        }
    }
}
