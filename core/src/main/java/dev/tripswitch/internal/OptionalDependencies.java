package dev.tripswitch.internal;

/** Whether optional libraries are on the class path, checked without loading anything that needs them. */
public final class OptionalDependencies {

    private static final boolean SELENIUM = present("org.openqa.selenium.WebDriver");
    private static final boolean WEBDRIVERMANAGER = present("io.github.bonigarcia.wdm.WebDriverManager");

    private OptionalDependencies() {
    }

    /** Selenium is needed by {@code dev.tripswitch.browser}; the framework adapters check this first. */
    public static boolean seleniumPresent() {
        return SELENIUM;
    }

    /** WebDriverManager is optional for browsers: without it a locally installed driver is used directly. */
    public static boolean webDriverManagerPresent() {
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
