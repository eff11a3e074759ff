package dev.tripswitch.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * INTERNAL_ERROR: MILD raises an uncaught exception and an unhandled promise rejection in the page's own event
 * loop (the driver keeps working; the browser reports the errors); MODERATE opens a JavaScript alert the driver
 * did not expect, so the next driver command fails with {@code UnhandledAlertException} (after which ChromeDriver
 * dismisses it); SEVERE closes the driver's window under it (a blank tab is kept so the browser stays up), so
 * every command fails with {@code NoSuchWindowException} until {@code restore()} switches to the kept tab and
 * reloads the URL. Observed by DevTools' {@code Runtime.exceptionThrown} and {@code Page.javascriptDialogOpening}
 * events, and by the driver losing its window.
 */
final class InternalErrorMechanism implements FailureMechanism {

    /** How long the page's reaction may take to show (usually milliseconds; a loaded machine is slower). */
    private static final Duration OBSERVE = Duration.ofSeconds(10);

    @Override
    public ActiveFailure apply(BrowserSession session, FailureIntensity intensity) throws Exception {
        switch (intensity) {
            case MILD:
                return scriptErrors(session);
            case MODERATE:
                return unexpectedDialog(session);
            default:
                return closeWindow(session);
        }
    }

    private static ActiveFailure scriptErrors(BrowserSession session) throws InterruptedException {
        AtomicInteger ours = new AtomicInteger();
        CountDownLatch both = new CountDownLatch(2);
        try (CdpChannel channel = session.openChannel()) {
            channel.on("Runtime.exceptionThrown", params -> {
                if (String.valueOf(params).contains("tripswitch")) {
                    ours.incrementAndGet();
                    both.countDown();
                }
            });
            channel.call("Runtime.enable", Map.of());
            PageProbe.eval(channel, "setTimeout(() => { throw new Error('tripswitch: injected internal error'); }, 0);"
                    + " Promise.reject(new Error('tripswitch: injected unhandled rejection')); true");
            both.await(OBSERVE.toMillis(), TimeUnit.MILLISECONDS);
            channel.call("Runtime.disable", Map.of());
        }
        return new ActiveFailure("uncaught Error and unhandled promise rejection in the page", ours.get() >= 2,
                "the browser reported " + ours.get() + " uncaught error(s) (Runtime.exceptionThrown)", true, null,
                ActiveFailure.NOTHING);
    }

    private static ActiveFailure unexpectedDialog(BrowserSession session) throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(1);
        CdpChannel channel = session.openChannel();
        try {
            channel.on("Page.javascriptDialogOpening", params -> opened.countDown());
            channel.call("Page.enable", Map.of());
            PageProbe.eval(channel, "setTimeout(() => alert('tripswitch: injected dialog'), 0); true");
            boolean seen = opened.await(OBSERVE.toMillis(), TimeUnit.MILLISECONDS);
            return new ActiveFailure("window.alert() the driver did not expect", seen,
                    seen ? "DevTools reported Page.javascriptDialogOpening"
                            : "no dialog was reported within " + OBSERVE.toSeconds() + " s",
                    true, null, s -> {
                        try {
                            channel.call("Page.handleJavaScriptDialog", Map.of("accept", false));
                        } catch (RuntimeException e) {
                            // already dismissed (ChromeDriver dismisses it on the next command)
                        } finally {
                            channel.close();
                        }
                    });
        } catch (RuntimeException | InterruptedException e) {
            channel.close();
            throw e;
        }
    }

    private static ActiveFailure closeWindow(BrowserSession session) {
        WebDriver driver = session.rawDriver();
        String handle = driver.getWindowHandle();
        String url = driver.getCurrentUrl();
        String spare;
        try (CdpChannel browser = CdpChannel.attachToBrowser(driver)) {
            spare = (String) browser.callBrowser("Target.createTarget",
                    Map.of("url", "about:blank", "background", true), Duration.ofSeconds(10)).get("targetId");
            browser.callBrowser("Target.closeTarget", Map.of("targetId", handle), Duration.ofSeconds(10));
        }
        boolean verified = false;
        String observation = "the driver still reached its window after it was closed";
        long deadline = System.nanoTime() + OBSERVE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                driver.getTitle();
                PageProbe.pause(100);
            } catch (WebDriverException e) {
                verified = true;
                observation = "the driver lost its window: " + e.getClass().getSimpleName() + ": "
                        + Text.firstLine(e.getMessage());
                break;
            }
        }
        return new ActiveFailure("Target.closeTarget on the driver's window (a blank tab kept open)", verified,
                observation, false, null, s -> {
                    s.rawDriver().switchTo().window(spare);
                    if (url != null && url.startsWith("http")) {
                        s.rawDriver().get(url);
                    }
                });
    }
}
