package dev.tripswitch.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * CRASH: MILD crashes the page's renderer ({@code Page.crash}) and heals at once: a new tab loads the same
 * URL and becomes the driver's window, so the session goes on with the page's state lost and a new window
 * handle; MODERATE crashes the renderer and leaves it crashed, so every driver command fails with
 * "tab crashed" until {@code restore()} replaces the tab; SEVERE crashes the whole browser
 * ({@code Browser.crash}), so every command fails with {@code NoSuchSessionException} until {@code restore()}
 * restarts the session and reloads the URL. Observed by DevTools' {@code Inspector.targetCrashed} event
 * (renderer) or by the driver losing its session (browser).
 */
final class CrashMechanism implements FailureMechanism {

    /** How long a crash may take to show (it usually shows within a second; a loaded machine is slower). */
    private static final Duration OBSERVE = Duration.ofSeconds(15);

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) throws Exception {
        WebDriver driver = session.rawDriver();
        String handle = driver.getWindowHandle();
        String url = driver.getCurrentUrl();
        if (intensity == FailureIntensity.SEVERE) {
            return crashBrowser(session, url);
        }
        boolean crashed = crashRenderer(session);
        String observation = crashed ? "DevTools reported Inspector.targetCrashed for the page"
                : "no crash was reported within " + OBSERVE.toSeconds() + " s";
        if (intensity == FailureIntensity.MILD) {
            String fresh = WindowRepair.replace(session, handle, url);
            boolean answers = session.healthy();
            return new ActiveFailure("Page.crash, then a new tab at the same URL", crashed && answers,
                    observation + "; the session moved to new window " + fresh + " which "
                            + (answers ? "answers" : "does not answer"), false, null, ActiveFailure.NOTHING);
        }
        return new ActiveFailure("Page.crash", crashed, observation, false, null,
                s -> WindowRepair.replace(s, handle, url));
    }

    private static boolean crashRenderer(BrowserSession session) throws InterruptedException {
        CountDownLatch crashed = new CountDownLatch(1);
        try (CdpChannel channel = session.openChannel()) {
            channel.on("Inspector.targetCrashed", params -> crashed.countDown());
            channel.call("Inspector.enable", Map.of());
            channel.send("Page.crash", Map.of()); // never answered: the page is gone
            return crashed.await(OBSERVE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ActiveFailure crashBrowser(BrowserSession session, String url) {
        session.lossInjected();
        try (CdpChannel browser = CdpChannel.attachToBrowser(session.rawDriver())) {
            browser.sendBrowser("Browser.crash", Map.of());
        }
        String observation = "the driver still answered " + OBSERVE.toSeconds() + " s after Browser.crash";
        boolean verified = false;
        long deadline = System.nanoTime() + OBSERVE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                session.rawDriver().getWindowHandle();
                PageProbe.pause(100);
            } catch (WebDriverException e) {
                verified = true;
                observation = "the driver lost the browser: " + e.getClass().getSimpleName() + ": "
                        + Text.firstLine(e.getMessage());
                break;
            }
        }
        return new ActiveFailure("Browser.crash", verified, observation, false, null, s -> {
            s.restart();
            if (url != null && url.startsWith("http")) {
                s.firstLoad(url);
            }
        });
    }
}
