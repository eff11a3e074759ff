package dev.tripswitch.browser.grid;

import dev.tripswitch.browser.BrowserSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Grid settings as a user writes them, and how a failed session creation is put on its node. */
class GridSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty(GridSettings.REMOTE);
        System.clearProperty(GridSettings.ATTEMPTS);
        System.clearProperty(GridSettings.NODE_CIRCUIT_SETTINGS);
    }

    @Test
    void unset_meansLocalBrowsers() {
        assertThat(GridSettings.configured()).isEmpty();
    }

    @Test
    void gridAddress_isReadWithDefaultsAndATrailingSlashDropped() {
        System.setProperty(GridSettings.REMOTE, " http://127.0.0.1:4444/ ");

        GridSettings s = GridSettings.configured().orElseThrow();

        assertThat(s.remote()).isEqualTo(URI.create("http://127.0.0.1:4444"));
        assertThat(s.attempts()).isEqualTo(GridSettings.DEFAULT_ATTEMPTS);
        assertThat(s.nodeCircuitsLike()).as("unset: each session's node circuit is like its test's circuit").isNull();
    }

    @Test
    void attemptsAndNodeCircuitSettings_areRead() {
        System.setProperty(GridSettings.REMOTE, "https://grid.example:443/wd/hub");
        System.setProperty(GridSettings.ATTEMPTS, "3");
        System.setProperty(GridSettings.NODE_CIRCUIT_SETTINGS, "gridNodes");

        GridSettings s = GridSettings.configured().orElseThrow();

        assertThat(s.remote()).isEqualTo(URI.create("https://grid.example:443/wd/hub"));
        assertThat(s.attempts()).isEqualTo(3);
        assertThat(s.nodeCircuitsLike()).isEqualTo("gridNodes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://127.0.0.1:4444   | its scheme is 'ftp'",
        "localhost:4444         | its scheme is 'localhost'",
        "http:///status         | it names no host",
        "http://grid:4444/?x=1  | it has a query, a fragment or user information",
        "http://grid 4444       | it is not a URL (Illegal character in authority)",
    })
    void malformedOrNonHttpAddress_isRefusedNamingTheSettingTheValueAndWhatIsAllowed(String value, String problem) {
        System.setProperty(GridSettings.REMOTE, value);

        assertThatThrownBy(GridSettings::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tripswitch.browser.remote='" + value + "' (system property) is refused: " + problem
                        + "; allowed is the Grid's http:// or https:// address with a host, for example"
                        + " http://127.0.0.1:4444");
    }

    @Test
    void browserSession_refusesABadGridAddressBeforeStartingAnything() {
        System.setProperty(GridSettings.REMOTE, "ws://127.0.0.1:4444");

        assertThatThrownBy(BrowserSession::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tripswitch.browser.remote='ws://127.0.0.1:4444' (system property) is refused");
    }

    @ParameterizedTest
    @CsvSource({"0", "21", "many"})
    void attemptsOutOfRange_areRefused(String attempts) {
        System.setProperty(GridSettings.REMOTE, "http://127.0.0.1:4444");
        System.setProperty(GridSettings.ATTEMPTS, attempts);

        assertThatThrownBy(GridSettings::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tripswitch.browser.remote.attempts='" + attempts + "' (system property) is refused:"
                        + " allowed is a whole number from 1 to 20");
    }

    // ------------------------------------------------------------------ putting a failed creation on its node

    private static GridNode node(String id, int port, String lastStarted, boolean busy) {
        return new GridNode(id, URI.create("http://127.0.0.1:" + port), true,
                Map.of(id + "-slot", new GridNode.SlotUse(lastStarted, busy)), null);
    }

    @Test
    void failedCreation_isPutOnTheNodeWhoseSlotStartedAndHoldsNoSession() {
        List<GridNode> before = List.of(node("a", 5555, "t0", false), node("b", 5556, "t0", false));
        List<GridNode> after = List.of(node("a", 5555, "t0", false), node("b", 5556, "t1", false));

        assertThat(GridSessions.nodeThatFailed(before, after)).isEqualTo(URI.create("http://127.0.0.1:5556"));
    }

    @Test
    void failedCreation_isPutOnNoNodeWhenSeveralStartedMeanwhile_orOnlyABusySlotStarted() {
        List<GridNode> before = List.of(node("a", 5555, "t0", false), node("b", 5556, "t0", false));

        assertThat(GridSessions.nodeThatFailed(before,
                List.of(node("a", 5555, "t1", false), node("b", 5556, "t1", false)))).isNull();
        assertThat(GridSessions.nodeThatFailed(before,
                List.of(node("a", 5555, "t1", true), node("b", 5556, "t0", false)))).isNull();
        assertThat(GridSessions.nodeThatFailed(before,
                List.of(node("a", 5555, "t0", false), node("c", 5557, "t1", false)))).isNull();
    }

    @Test
    void nodeCircuit_isNamedByTheNodesHostAndPort() {
        assertThat(node("a", 5555, "t0", false).circuitName()).isEqualTo("browser@127.0.0.1:5555");
    }
}
