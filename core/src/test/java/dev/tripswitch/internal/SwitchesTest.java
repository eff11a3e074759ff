package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchesTest {

    @AfterEach
    void clear() {
        System.clearProperty(Switches.ENABLED);
        System.clearProperty(Switches.DEPENDENCIES_CHECK);
    }

    @Test
    void enabledByDefault_andSwitchedOffByFalse() {
        assertThat(Switches.enabled()).isTrue();
        System.setProperty(Switches.ENABLED, "FALSE");
        assertThat(Switches.enabled()).isFalse();
    }

    /** The file is found once per class loader; each read follows the thread's context class loader of the moment. */
    @Test
    void fromTheContextLoadersPropertiesFile_whicheverLoaderIsCurrent(@TempDir Path dir) throws IOException {
        Path off = Files.createDirectories(dir.resolve("off"));
        Files.writeString(off.resolve("tripswitch.properties"),
                "tripswitch.enabled=false\ntripswitch.dependencies=auto\n");
        Path none = Files.createDirectories(dir.resolve("none"));
        FrameworkParameters.clear(); // no framework configuration between the system properties and the file
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader withFile = new URLClassLoader(new URL[]{off.toUri().toURL()}, null);
             URLClassLoader without = new URLClassLoader(new URL[]{none.toUri().toURL()}, null)) {
            for (int i = 0; i < 2; i++) {
                thread.setContextClassLoader(withFile);
                assertThat(Switches.enabled()).isFalse();
                assertThat(Switches.dependencies()).isTrue();
                thread.setContextClassLoader(without);
                assertThat(Switches.enabled()).isTrue();
                assertThat(Switches.dependencies()).isFalse();
            }
            thread.setContextClassLoader(withFile);
            System.setProperty(Switches.ENABLED, "true"); // a system property wins over the file
            assertThat(Switches.enabled()).isTrue();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void aValueOtherThanTrueOrFalse_isRefusedByName() {
        System.setProperty(Switches.ENABLED, "off");
        assertThatThrownBy(Switches::enabled).isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.enabled=off (system property): must be true or false");
    }

    @Test
    void theDependencyConnectCheck_isOnByDefault_offByOff_andAnotherValueIsRefusedByName() {
        assertThat(Switches.dependencyConnectCheck()).isTrue();
        System.setProperty(Switches.DEPENDENCIES_CHECK, " Connect ");
        assertThat(Switches.dependencyConnectCheck()).isTrue();
        System.setProperty(Switches.DEPENDENCIES_CHECK, "OFF");
        assertThat(Switches.dependencyConnectCheck()).isFalse();
        System.setProperty(Switches.DEPENDENCIES_CHECK, "tcp");
        assertThatThrownBy(Switches::dependencyConnectCheck).isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.dependencies.check=tcp (system property): must be connect or off");
    }
}
