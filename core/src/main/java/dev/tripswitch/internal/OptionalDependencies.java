package dev.tripswitch.internal;

/** Whether optional libraries are on the class path, checked without loading anything that needs them. */
public final class OptionalDependencies {

    private static final boolean SELENIUM = present("org.openqa.selenium.WebDriver");

    private OptionalDependencies() {
    }

    /** Selenium is needed by {@code dev.tripswitch.browser}; the framework adapters check this first. */
    public static boolean seleniumPresent() {
        return SELENIUM;
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
