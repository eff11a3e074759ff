package dev.tripswitch.testng;

import org.testng.ITestResult;

/**
 * Keeps TestNG from running a configuration method of a refused test or class, without TestNG or Surefire
 * taking it for a failure.
 *
 * <p>Marking the configuration's result SKIP before it is invoked makes TestNG leave the method out. It must be
 * without a throwable: with one, TestNG records a configuration failure and skips every later test of the
 * class for the rest of the run, even after the circuit recovered. Once left out, the result is turned to
 * SUCCESS before the configuration listeners hear of it: Surefire's TestNG provider reports every skipped
 * configuration as one more skipped test (with no message), which would inflate its skipped count. The
 * attribute {@value #ATTRIBUTE} says why the method did not run.
 */
final class LeftOutConfigurations {

    /** Result attribute of a configuration method left out: why it did not run. */
    static final String ATTRIBUTE = "tripswitch.leftOut";

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
