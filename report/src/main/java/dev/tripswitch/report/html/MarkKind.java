package dev.tripswitch.report.html;

import dev.tripswitch.report.history.PartFile;

/**
 * What a test's mark on the timeline shows, one kind per test mark, failures first: a failed test is drawn as a
 * failure even when it waited or was replayed. Each kind has its colour, its legend entry and its lane in a row.
 */
enum MarkKind {
    PASSED("passed", "#2f9e44", 0),
    WAITED("waited, then ran", "#f08c00", 0),
    REPLAYED("deferred, then replayed", "#1c7ed6", 0),
    FAILED_COUNTED("failed, counted", "#e03131", 1),
    FAILED_NOT_COUNTED("failed, not counted", "#9c36b5", 1),
    ABORTED("aborted", "#495057", 1),
    SKIPPED("refused, skipped", "#adb5bd", 2),
    DEFERRED("deferred", "#74c0fc", 2);

    final String label;
    final String colour;
    final int lane;

    MarkKind(String label, String colour, int lane) {
        this.label = label;
        this.colour = colour;
        this.lane = lane;
    }

    /** The CSS class of its marks. */
    String css() {
        return "k-" + name().toLowerCase().replace('_', '-');
    }

    static MarkKind of(PartFile.Test t) {
        return switch (t.fate()) {
            case "FAILED_COUNTED" -> FAILED_COUNTED;
            case "FAILED_NOT_COUNTED" -> FAILED_NOT_COUNTED;
            case "ABORTED" -> ABORTED;
            case "SKIPPED" -> SKIPPED;
            case "DEFERRED" -> DEFERRED;
            default -> t.replayed() ? REPLAYED : t.waitedMs() > 0 ? WAITED : PASSED;
        };
    }
}
