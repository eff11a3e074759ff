package dev.tripswitch.browser;

import dev.tripswitch.dependency.Dependency;
import dev.tripswitch.dependency.DependencyMapping;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selenium's rows of the table of infrastructure failures ({@code dev.tripswitch.dependency.DependencyFailures}),
 * found with {@link java.util.ServiceLoader}; compared by class name, so that it loads without Selenium:
 * <ul>
 *   <li>a {@code WebDriverException} whose message carries a network error of the browser (Chromium's
 *       {@code net::ERR_CONNECTION_REFUSED}, {@code ERR_NAME_NOT_RESOLVED}, {@code ERR_CONNECTION_TIMED_OUT},
 *       {@code ERR_EMPTY_RESPONSE} and the like; Firefox's {@code about:neterror} page) names the navigation's
 *       target, else the address Firefox's error page names;</li>
 *   <li>a page-load time-out ({@code org.openqa.selenium.TimeoutException}) of a navigation names its target;</li>
 *   <li>{@code SessionNotCreatedException} names the browser's driver, when the session was started by Tripswitch
 *       ({@code driver:<browser>}).</li>
 * </ul>
 * Any other Selenium failure (no such element, a stale element, a script error) is a product failure.
 */
public final class SeleniumDependencyMapping implements DependencyMapping {

    private static final Pattern NET_ERROR = Pattern.compile("net::ERR_(CONNECTION_[A-Z_]+|NAME_NOT_RESOLVED"
            + "|NAME_RESOLUTION_FAILED|ADDRESS_UNREACHABLE|EMPTY_RESPONSE|TIMED_OUT|INTERNET_DISCONNECTED"
            + "|NETWORK_CHANGED|PROXY_CONNECTION_FAILED|SOCKET_NOT_CONNECTED|SSL_PROTOCOL_ERROR)\\b");
    private static final Pattern FIREFOX_NET_ERROR = Pattern.compile("about:neterror\\?e=[A-Za-z]+[^\\s]*?&u=([^&\\s]+)");

    /** Made by {@link java.util.ServiceLoader}. */
    public SeleniumDependencyMapping() {
    }

    @Override
    public Optional<Dependency> dependencyOf(Throwable failure, Optional<Dependency> target) {
        if (!isA(failure, "org.openqa.selenium.WebDriverException")) {
            return Optional.empty();
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (isA(failure, "org.openqa.selenium.SessionNotCreatedException")) {
            return target.filter(d -> d.name().startsWith("driver:"));
        }
        if (NET_ERROR.matcher(message).find()) {
            return target;
        }
        Matcher firefox = FIREFOX_NET_ERROR.matcher(message);
        if (firefox.find()) {
            return target.or(() -> Dependency.ofAddress(URLDecoder.decode(firefox.group(1), StandardCharsets.UTF_8)));
        }
        if (isA(failure, "org.openqa.selenium.TimeoutException")) {
            return target.filter(d -> !d.name().startsWith("driver:"));
        }
        return Optional.empty();
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
