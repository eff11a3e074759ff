package dev.tripswitch.internal;

import dev.tripswitch.CircuitEventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLClassLoader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

import static org.assertj.core.api.Assertions.assertThat;

class ServicesTest {

    /** A listener the service file names; it can be made. */
    public static final class Loadable implements CircuitEventListener {
    }

    @Test
    void aServiceThatCannotBeLoaded_isSkipped_andTheOthersAreFound(@TempDir Path dir) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(CircuitEventListener.class.getName()),
                "com.example.NoSuchListener\n" + Loadable.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                ServicesTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return findResources(name); // only this folder's service files, not the test class path's
            }
        }) {
            assertThat(Services.load(CircuitEventListener.class, loader, "circuit event listener"))
                    .singleElement().isInstanceOf(Loadable.class);
        }
    }
}
