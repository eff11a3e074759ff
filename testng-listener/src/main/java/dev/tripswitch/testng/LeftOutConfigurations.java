package dev.tripswitch.testng;

import org.testng.ITestResult;

/**
 * Keeps TestNG from running a configuration method of a refused test or class, without TestNG or Surefire
 * taking it for a failure: its result is marked SKIP, without a throwable (with one, TestNG would skip every
 * later test of the class for the rest of the run), before it is invoked, then turned to SUCCESS before the
 * configuration listeners hear of it (Surefire counts each skipped configuration as one more skipped test).
 * The attribute {@value #ATTRIBUTE} says why the method did not run.
 */
final class LeftOutConfigurations {

    static final String ATTRIBUTE = "tripswitch.leftOut"; // result attribute of a method left out: why

    private LeftOutConfigurations() {
    }

    /** Before the configuration method is invoked: do not invoke it, for the reason {@code why}. */
    static void leaveOut(ITestResult config, String why) {
        config.setStatus(ITestResult.SKIP);
        config.setAttribute(ATTRIBUTE, "not run: " + why);
    }

    static boolean isLeftOut(ITestResult config) {
        return config.getAttribute(ATTRIBUTE) != null;
    }

    /** Right after TestNG left it out, before the configuration listeners hear of it. */
    static void reportAsPassed(ITestResult config) {
        if (config.getStatus() == ITestResult.SKIP && isLeftOut(config)) {
            config.setStatus(ITestResult.SUCCESS);
        }
    }
}
