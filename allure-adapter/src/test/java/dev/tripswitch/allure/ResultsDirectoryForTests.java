package dev.tripswitch.allure;

import java.nio.file.Path;

/**
 * Points Allure and {@link AllureResultsFiles} at a test's temporary directory, and puts both back afterwards:
 * the system property gets its earlier value again and the remembered location is forgotten, so no later test
 * writes into a deleted temporary directory.
 */
final class ResultsDirectoryForTests {

    private static final String PROPERTY = "allure.results.directory";

    private final String previous;

    private ResultsDirectoryForTests(String previous) {
        this.previous = previous;
    }

    static ResultsDirectoryForTests use(Path directory) {
        ResultsDirectoryForTests restore = new ResultsDirectoryForTests(System.getProperty(PROPERTY));
        System.setProperty(PROPERTY, directory.toString());
        AllureResultsFiles.forgetForTests();
        return restore;
    }

    void restore() {
        if (previous == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, previous);
        }
        AllureResultsFiles.forgetForTests();
    }
}
