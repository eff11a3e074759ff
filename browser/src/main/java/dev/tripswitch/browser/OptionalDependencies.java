package dev.tripswitch.browser;

/** Whether optional libraries are on the class path, checked without loading anything that needs them. */
final class OptionalDependencies {

    private static final boolean WEBDRIVERMANAGER = present("io.github.bonigarcia.wdm.WebDriverManager");

    private OptionalDependencies() {
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
