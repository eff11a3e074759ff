package dev.tripswitch.samples.run;

/**
 * How one test (or a failed set-up of a whole class) of a sample suite ended.
 *
 * @param testClass the test class (nested classes with {@code $})
 * @param method    the test method, or {@code null} for a class-level set-up failure
 * @param status    passed, failed or skipped
 * @param message   for a failure: the exception's type and first line; for a skip: the reason; else {@code null}
 */
public record TestRecord(String testClass, String method, Status status, String message) {

    public enum Status { PASSED, FAILED, SKIPPED }

    /** {@code SimpleClassName.method}, nested classes as {@code Outer$Inner.method}. */
    public String shortName() {
        String simple = testClass.substring(testClass.lastIndexOf('.') + 1);
        return method == null ? simple : simple + "." + method;
    }

    static String describe(Throwable t) {
        if (t == null) {
            return null;
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getName();
        }
        int nl = m.indexOf('\n');
        return t.getClass().getName() + ": " + (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
