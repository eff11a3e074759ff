package dev.tripswitch.browser;

/** Small text helpers for messages and reports. */
final class Text {

    private Text() {
    }

    /** The first line of {@code text}; empty for {@code null}. Driver messages carry pages of diagnostics. */
    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The first line of {@code e}'s message ({@code "null"} when it has none). */
    static String firstLine(Throwable e) {
        return firstLine(String.valueOf(e.getMessage()));
    }
}
