package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
