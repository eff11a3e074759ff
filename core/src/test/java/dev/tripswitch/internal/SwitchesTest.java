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
}
