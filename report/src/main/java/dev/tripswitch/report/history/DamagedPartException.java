package dev.tripswitch.report.history;

/** A history file that cannot be read as a run part; the message says what is wrong with it. */
public final class DamagedPartException extends Exception {

    /** What kind of damage: what a warning calls it. */
    public enum Kind { TRUNCATED, CORRUPTED, FOREIGN, NEWER_VERSION }

    private final Kind kind;

    public DamagedPartException(Kind kind, String what, Throwable cause) {
        super(what, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
