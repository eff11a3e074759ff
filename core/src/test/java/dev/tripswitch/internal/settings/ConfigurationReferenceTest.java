package dev.tripswitch.internal.settings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The circuit settings table of {@code docs/configuration.md} against the one declaration ({@link Settings}): the
 * same settings, in the same order, with defaults that read (by each setting's own type) as the declared ones. A
 * setting added, renamed or given another default without the reference following fails here.
 */
class ConfigurationReferenceTest {

    private static final String HEADER = "| setting | default | allowed | meaning |";

    @Test
    void theReferenceListsEveryDeclaredSetting_inDeclarationOrder() throws IOException {
        List<String> documented = new ArrayList<>(circuitSettingsTable().keySet());
        documented.remove("value"); // the circuit's name: the annotation's value, not a setting
        assertThat(documented).containsExactlyElementsOf(Settings.all().stream().map(Setting::name).toList());
    }

    @Test
    void everyDocumentedDefault_readsAsTheDeclaredOne() throws IOException {
        Map<String, String> table = circuitSettingsTable();
        for (Setting<?> s : Settings.all()) {
            assertThat(table).as("docs/configuration.md's circuit settings").containsKey(s.name());
            assertThat(documentedValue(s, table.get(s.name()))).as("default of %s in docs/configuration.md: %s",
                    s.name(), table.get(s.name())).isEqualTo(s.defaultValue());
        }
    }

    @Test
    void aDefaultCell_isReadByTheSettingsOwnType_soADriftedOneDiffers() {
        assertThat(documentedValue(Settings.FAILURE_THRESHOLD, "`3`")).isNotEqualTo(5);
        assertThat(documentedValue(Settings.RECOVERY_TIMEOUT, "`60s`")).isEqualTo(Duration.ofMinutes(1));
        assertThat(documentedValue(Settings.RECOVERY_TIMEOUT, "`90s`")).isNotEqualTo(Duration.ofMinutes(1));
        assertThat(documentedValue(Settings.IGNORE_ON, "`AssertionError`")).isEqualTo(List.of(AssertionError.class));
        assertThat(documentedValue(Settings.RECORD_ON, "every `Throwable`")).isEqualTo(List.of(Throwable.class));
        assertThat(documentedValue(Settings.HEALTH_URL, "none")).isNull();
        assertThatThrownBy(() -> documentedValue(Settings.WHEN_OPEN, "`SOMETIMES`"))
                .hasMessageContaining("but was 'SOMETIMES'");
    }

    /**
     * The value a default cell stands for, read by the setting's own type: "none", "every `Throwable`", or the
     * value in code font (Throwable types by their simple names, as the reference writes them).
     */
    private static Object documentedValue(Setting<?> s, String cell) {
        if (cell == null || cell.equals("none")) {
            return null;
        }
        if (cell.equals("every `Throwable`")) {
            return List.of(Throwable.class);
        }
        assertThat(cell).as("default of %s", s.name()).startsWith("`").endsWith("`");
        String text = cell.substring(1, cell.length() - 1);
        if (s == Settings.RECORD_ON || s == Settings.IGNORE_ON) {
            text = "java.lang." + text; // the reference names JDK types simply
        }
        return s.parse(text, ConfigurationReferenceTest.class.getClassLoader()).value();
    }

    /** Setting name → default cell of the first table under {@link #HEADER}, in the order of its rows. */
    private static Map<String, String> circuitSettingsTable() throws IOException {
        List<String> lines = Files.readAllLines(reference());
        int header = lines.indexOf(HEADER);
        assertThat(header).as("the circuit settings table's header in docs/configuration.md").isNotNegative();
        Map<String, String> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            String name = cells[1].trim();
            name = name.substring(name.indexOf('`') + 1, name.indexOf('`', name.indexOf('`') + 1));
            rows.put(name, cells[2].trim());
        }
        return rows;
    }

    private static Path reference() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/configuration.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/configuration.md not found above " + Path.of("").toAbsolutePath());
    }
}
