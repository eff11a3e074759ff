package dev.tripswitch.browser;

/** Whether optional libraries are on the class path, checked without loading anything that needs them. */
final class OptionalDependencies {

    private static final boolean SELENIUM = present("org.openqa.selenium.WebDriver");
    private static final boolean WEBDRIVERMANAGER = present("io.github.bonigarcia.wdm.WebDriverManager");

    private OptionalDependencies() {
    }

    /**
     * Fails with a message that says what to add when Selenium, which the user brings (a provided dependency of
     * this module), is not on the class path; {@code what} needs it.
     */
    static void requireSelenium(String what) {
        if (!SELENIUM) {
            throw new IllegalStateException(what + " needs Selenium (org.seleniumhq.selenium:selenium-java) on the"
                    + " test class path: tripswitch-browser drives the Selenium you bring");
        }
    }

    /** WebDriverManager is optional: without it a locally installed driver is used directly. */
    static boolean webDriverManagerPresent() {
        return WEBDRIVERMANAGER;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OptionalDependencies.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
