package dev.tripswitch.browser;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A browser ready to be started: where its driver and its binary are, which driver version it is, how it was
 * found and how long finding it took.
 *
 * @param browser       the browser
 * @param driverPath    the driver executable (chromedriver, geckodriver, msedgedriver)
 * @param browserBinary the browser executable found on this machine
 * @param driverVersion the driver's version as it reports it, or {@code "unknown"}
 * @param source        how the driver was found, in words (for logs and reports)
 * @param resolvedIn    how long resolution took
 */
public record ResolvedDriver(Browser browser, Path driverPath, Path browserBinary, String driverVersion,
                             String source, Duration resolvedIn) {
}
