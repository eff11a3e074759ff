package dev.tripswitch.browser;

import java.util.List;

/**
 * Browser settings for a restart after a given failure type ({@link RecoveryStep#RESTART_WITH_FAILURE_SETTINGS}).
 * Chromium (Chrome, Edge) gets command-line switches, Firefox {@code key=value} preferences. None of them
 * weakens browser security.
 *
 * <table>
 *   <caption>Settings per failure type</caption>
 *   <tr><th>failure</th><th>Chromium</th><th>Firefox</th><th>timeouts</th></tr>
 *   <tr><td>CONNECTION_FAILURE</td><td>{@code --disable-quic} (plain TCP)</td>
 *       <td>{@code network.http.http3.enable=false}</td><td>page load x2</td></tr>
 *   <tr><td>RESOURCE_EXHAUSTION</td><td>{@code --js-flags=--max-old-space-size=4096},
 *       {@code --disable-renderer-backgrounding}</td><td>{@code dom.ipc.processCount=8}</td><td></td></tr>
 *   <tr><td>GPU_ERROR</td><td>{@code --disable-gpu}, {@code --use-angle=swiftshader} (software WebGL)</td>
 *       <td>{@code layers.acceleration.disabled=true}</td><td></td></tr>
 *   <tr><td>API_ERROR</td><td>{@code --disk-cache-size=1} (no cached error answers)</td>
 *       <td>{@code browser.cache.disk.enable=false}</td><td></td></tr>
 *   <tr><td>TIMEOUT</td><td>{@code --disable-background-timer-throttling},
 *       {@code --disable-renderer-backgrounding}, {@code --disable-backgrounding-occluded-windows}</td>
 *       <td>{@code dom.max_script_run_time=0}</td><td>page load and script x2</td></tr>
 *   <tr><td>CRASH</td><td>{@code --js-flags=--max-old-space-size=4096}, {@code --disable-renderer-backgrounding}</td>
 *       <td>{@code dom.ipc.processCount=8}</td><td></td></tr>
 *   <tr><td>INTERNAL_ERROR</td><td>{@code --disable-extensions}, {@code --disable-default-apps}</td>
 *       <td>{@code extensions.autoDisableScopes=15}</td><td></td></tr>
 * </table>
 */
public final class FailureSettings {

    private FailureSettings() {
    }

    /** {@code base} with the extra settings for recovering from {@code type}. */
    public static BrowserSettings forFailure(BrowserSettings base, FailureType type) {
        BrowserSettings s = base.withExtraArguments(base.browser() == Browser.FIREFOX
                ? firefoxPreferences(type) : chromiumArguments(type));
        if (type == FailureType.CONNECTION_FAILURE || type == FailureType.TIMEOUT) {
            s = s.withPageLoadTimeout(base.pageLoadTimeout().multipliedBy(2));
        }
        if (type == FailureType.TIMEOUT) {
            s = s.withScriptTimeout(base.scriptTimeout().multipliedBy(2));
        }
        return s;
    }

    /** The Chromium switches for {@code type}. */
    public static List<String> chromiumArguments(FailureType type) {
        switch (type) {
            case CONNECTION_FAILURE:
                return List.of("--disable-quic");
            case RESOURCE_EXHAUSTION:
            case CRASH:
                return List.of("--js-flags=--max-old-space-size=4096", "--disable-renderer-backgrounding");
            case GPU_ERROR:
                return List.of("--disable-gpu", "--use-angle=swiftshader");
            case API_ERROR:
                return List.of("--disk-cache-size=1");
            case TIMEOUT:
                return List.of("--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                        "--disable-backgrounding-occluded-windows");
            default:
                return List.of("--disable-extensions", "--disable-default-apps");
        }
    }

    /** The Firefox preferences for {@code type}, as {@code key=value}. */
    public static List<String> firefoxPreferences(FailureType type) {
        switch (type) {
            case CONNECTION_FAILURE:
                return List.of("network.http.http3.enable=false");
            case RESOURCE_EXHAUSTION:
            case CRASH:
                return List.of("dom.ipc.processCount=8");
            case GPU_ERROR:
                return List.of("layers.acceleration.disabled=true");
            case API_ERROR:
                return List.of("browser.cache.disk.enable=false");
            case TIMEOUT:
                return List.of("dom.max_script_run_time=0");
            default:
                return List.of("extensions.autoDisableScopes=15");
        }
    }
}
