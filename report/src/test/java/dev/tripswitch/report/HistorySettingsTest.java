package dev.tripswitch.report;

import dev.tripswitch.report.history.DefaultLocation;
import dev.tripswitch.report.history.FolderHistory;
import dev.tripswitch.report.history.HistorySettings;
import dev.tripswitch.report.history.HistorySettings.Given;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the history goes, its retention, and bad values: each message names the setting, value, where and what is allowed. */
class HistorySettingsTest {

    @TempDir
    Path dir;

    private HistorySettings settings(Map<String, String> given) {
        Map<String, Given> g = new java.util.LinkedHashMap<>();
        given.forEach((k, v) -> g.put(k, new Given(v, "system property")));
        return HistorySettings.from(g, dir, name -> null);
    }

    @Test
    void defaults_keep200RunsAnd200MB_andWriteTheReport() {
        HistorySettings s = settings(Map.of());
        assertThat(s.keep()).isEqualTo(200);
        assertThat(s.maxBytes()).isEqualTo(200L << 20);
        assertThat(s.writesReport()).isTrue();
        assertThat(s.isOff()).isFalse();
    }

    @Test
    void theDefaultFolder_isAtTheTopOfTheBuild_andKeptOutOfVersionControl() throws Exception {
        Path top = dir.resolve("shop");
        Path module = top.resolve("checkout-tests");
        Files.createDirectories(top.resolve(".mvn"));
        Files.createDirectories(module);
        HistorySettings s = HistorySettings.from(Map.of(), module, name -> null);
        assertThat(s.folder()).isEqualTo(top.resolve(".tripswitch/history"));
        s.open(getClass().getClassLoader()).close();
        assertThat(Files.readString(top.resolve(".tripswitch/.gitignore"))).contains("*");
        assertThat(s.reportsFolder(module, name -> null)).isEqualTo(top.resolve(".tripswitch/history/reports"));
    }

    @Test
    void theTopOfTheBuild_isTheNearestDotMvn_elseTheGitRoot_elseWhereMavenStarted_elseHere() throws Exception {
        Path repo = dir.resolve("repo");
        Path app = repo.resolve("app");
        Path module = app.resolve("module");
        Files.createDirectories(module);
        assertThat(DefaultLocation.topOfBuild(module, n -> null)).as("nothing: the working directory").isEqualTo(module);
        assertThat(DefaultLocation.topOfBuild(module, n -> n.equals("MAVEN_PROJECTBASEDIR") ? app.toString() : null))
                .as("where Maven started").isEqualTo(app);
        Files.writeString(repo.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/repo\n"); // a worktree's .git file
        assertThat(DefaultLocation.topOfBuild(module, n -> app.toString())).as("the git root").isEqualTo(repo);
        Files.createDirectories(app.resolve(".mvn"));
        assertThat(DefaultLocation.topOfBuild(module, n -> null)).as("the nearest .mvn").isEqualTo(app);
    }

    @Test
    void aFolderOfTheUsersChoice_relativeToTheWorkingDirectory_orOff() {
        assertThat(settings(Map.of("tripswitch.history", "ci-cache/tripswitch")).folder())
                .isEqualTo(dir.resolve("ci-cache/tripswitch"));
        assertThat(settings(Map.of("tripswitch.history", "file:" + dir.resolve("h"))).folder())
                .isEqualTo(dir.resolve("h"));
        assertThat(settings(Map.of("tripswitch.history", "off")).isOff()).isTrue();
    }

    @Test
    void aHistoryThatIsAFile_isRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("history.txt"), "notes");
        HistorySettings s = settings(Map.of("tripswitch.history", file.toString()));
        assertThatThrownBy(() -> s.open(getClass().getClassLoader())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tripswitch.history=" + file + " (system property) is refused: must be a folder that can"
                        + " be created and written (or off, or a history store URI), but " + file + " is a file");
    }

    @Test
    void aFolderThatCannotBeCreated_isRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path under = file.resolve("history");
        HistorySettings s = settings(Map.of("tripswitch.history", under.toString()));
        assertThatThrownBy(() -> s.open(getClass().getClassLoader())).hasMessageStartingWith("tripswitch.history="
                + under + " (system property) is refused: must be a folder that can be created and written (or off,"
                + " or a history store URI), but " + under + " cannot be created (");
        HistorySettings proc = settings(Map.of("tripswitch.history", "/proc/tripswitch-history"));
        assertThatThrownBy(() -> proc.open(getClass().getClassLoader()))
                .hasMessageContaining("/proc/tripswitch-history cannot be created");
    }

    @Test
    void badRetentionValues_areRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> settings(Map.of("tripswitch.history.keep", "0"))).hasMessage(
                "tripswitch.history.keep=0 (system property) is refused: must be a whole number from 1 to 100000");
        assertThatThrownBy(() -> settings(Map.of("tripswitch.history.keep", "lots"))).hasMessage(
                "tripswitch.history.keep=lots (system property) is refused: must be a whole number from 1 to 100000");
        assertThatThrownBy(() -> settings(Map.of("tripswitch.history.maxSize", "12XB"))).hasMessage(
                "tripswitch.history.maxSize=12XB (system property) is refused: must be a size such as 500KB, 200MB or"
                        + " 2GB (B, KB, MB, GB, TB; 1024 each), from 1MB to 1TB");
        assertThatThrownBy(() -> settings(Map.of("tripswitch.history.maxSize", "100KB"))).hasMessageContaining(
                "from 1MB to 1TB");
        assertThatThrownBy(() -> settings(Map.of("tripswitch.history.report", "sometimes"))).hasMessage(
                "tripswitch.history.report=sometimes (system property) is refused: must be true or false");
        assertThat(settings(Map.of("tripswitch.history.maxSize", "2gb")).maxBytes()).isEqualTo(2L << 30);
    }

    @Test
    void anUnknownStoreScheme_isRefusedNamingWhatIsAllowed() {
        HistorySettings s = settings(Map.of("tripswitch.history", "mongodb://user:secret@db:27017"));
        assertThatThrownBy(() -> s.open(getClass().getClassLoader())).hasMessage("tripswitch.history="
                + "mongodb://user:****@db:27017 (system property) is refused: unknown history store 'mongodb' (no module"
                + " on the class path serves it: add the Tripswitch module of that store); allowed: a folder,"
                + " file:<folder>, off");
    }

    @Test
    void aWritableFolder_opens() throws Exception {
        HistorySettings s = settings(Map.of("tripswitch.history", dir.resolve("h").toString()));
        assertThat(s.open(getClass().getClassLoader())).isInstanceOf(FolderHistory.class);
        assertThat(dir.resolve("h")).isDirectory();
    }
}
