package dev.tripswitch.store;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.internal.StoreProviders;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSettingsTest {

    private static final List<CircuitStoreProvider> PROVIDERS = StoreProviders.all(StoreSettingsTest.class.getClassLoader());

    private static StoreSettings read(Map<String, String> props) {
        return StoreSettings.from(props, "system property", PROVIDERS);
    }

    @Test
    void nothingOrMemory_meansTheInMemoryDefault() {
        assertThat(read(Map.of())).isNull();
        assertThat(read(Map.of("tripswitch.store", " memory "))).isNull();
    }

    @Test
    void file_withDefaults_scopedToTheBuild() {
        StoreSettings s = read(Map.of("tripswitch.store", "file"));
        assertThat(s.scheme()).isEqualTo("file");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.scope()).matches("build-\\d+-\\d+").as("a Surefire fork").isEqualTo(new FileStoreProvider().defaultScope());
    }

    @Test
    void theBuildScope_isTheProcessThatForkedThisJvm() {
        // Surefire forks this JVM from Maven's (perhaps through a shell): the scope names that JVM.
        long mavenPid = FileStoreProvider.buildProcess().orElseThrow().pid();
        assertThat(new FileStoreProvider().defaultScope()).startsWith("build-" + mavenPid + "-");
    }

    @Test
    void scopeTimeoutAndLease_canBeSet() {
        StoreSettings s = read(Map.of("tripswitch.store", "file", "tripswitch.store.scope", "run-42:shard.1",
                "tripswitch.store.timeout", "250ms", "tripswitch.store.lease", "2s"));
        assertThat(s.scope()).isEqualTo("run-42:shard.1");
        assertThat(s.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anUnknownScheme_isRefusedNamingTheSettingTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> read(Map.of("tripswitch.store", "mongodb://db:27017")))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessage("tripswitch.store=mongodb://db:27017 (system property) is refused: unknown store"
                        + " 'mongodb' (no circuit store on the class path serves it: add the Tripswitch module of that"
                        + " store to the test class path); allowed: memory, file, file:<directory>");
    }

    @Test
    void redisWithoutTheRedisModule_saysAStoreModuleMustServeIt_andMasksThePassword() {
        assertThatThrownBy(() -> read(Map.of("tripswitch.store", "redis://ci:s3cret@cache:6379/2")))
                .hasMessageContaining("tripswitch.store=redis://ci:****@cache:6379/2 (system property)")
                .hasMessageContaining("unknown store 'redis' (no circuit store on the class path serves it")
                .message().doesNotContain("s3cret");
    }

    @Test
    void aMalformedUri_isRefused_withThePasswordMasked() {
        assertThatThrownBy(() -> read(Map.of("tripswitch.store", "redis://u:pw@bad host:6379")))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessageStartingWith("tripswitch.store=redis://u:****@bad host:6379 (system property) is refused:"
                        + " must be a well-formed URI")
                .message().doesNotContain("pw@");
    }

    @Test
    void badScopeTimeoutOrLease_areRefusedNamingTheSetting() {
        assertThatThrownBy(() -> read(Map.of("tripswitch.store", "file", "tripswitch.store.scope", "a/b")))
                .hasMessage("tripswitch.store.scope=a/b (system property) is refused: must be 1 to 120 letters,"
                        + " digits or . _ : -");
        assertThatThrownBy(() -> read(Map.of("tripswitch.store", "file", "tripswitch.store.timeout", "5min")))
                .hasMessageStartingWith("tripswitch.store.timeout=5min (system property) is refused: must be a duration");
        assertThatThrownBy(() -> read(Map.of("tripswitch.store", "file", "tripswitch.store.lease", "10ms")))
                .hasMessageContaining("tripswitch.store.lease=10ms").hasMessageContaining("from 100ms to 1h");
    }

    @Test
    void aDirectoryThatCannotBeCreated_isRefusedAtOnce() {
        StoreSettings s = read(Map.of("tripswitch.store", "file:/proc/version/store"));
        assertThatThrownBy(() -> new FileStoreProvider().open(s))
                .isInstanceOf(CircuitConfigurationException.class)
                .hasMessageStartingWith("tripswitch.store=file:/proc/version/store (system property) is refused:"
                        + " must be a directory that can be created and written, but /proc/version/store cannot be created");
    }

    @Test
    void passwordsAreMaskedWherever_theyAppear() {
        assertThat(StoreSettings.mask("redis://user:pa:ss@h:1/0 and rediss://:only@h2")).isEqualTo(
                "redis://user:****@h:1/0 and rediss://:****@h2");
        assertThat(StoreSettings.mask("redis://lonepassword@h")).isEqualTo("redis://****@h");
    }
}
