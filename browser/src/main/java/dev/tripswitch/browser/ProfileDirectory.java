package dev.tripswitch.browser;

import org.openqa.selenium.WebDriverException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The fresh temporary profile directory of one browser start ({@code --user-data-dir} for Chromium, the
 * profile for Firefox). Its path also marks the browser's processes: {@link LeftoverProcesses} finds them by it.
 */
final class ProfileDirectory {

    private final Path path;

    private ProfileDirectory(Path path) {
        this.path = path;
    }

    /** Creates a new empty directory for {@code browser} in the system's temporary directory. */
    static ProfileDirectory create(Browser browser) {
        try {
            return new ProfileDirectory(Files.createTempDirectory("tripswitch-" + browser.displayName() + "-"));
        } catch (IOException e) {
            throw new WebDriverException("cannot create a temporary profile directory", e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * Deletes the directory and everything in it. A browser that has just been stopped may still be writing its
     * last files: up to three passes, 100 ms apart.
     */
    void delete() {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // retried below: the browser may still be writing its last files
                    }
                });
            } catch (IOException e) {
                // the directory is gone or unreadable
            }
            if (!Files.exists(path)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
