package dev.tripswitch.spi;

/**
 * A module that makes {@code @CircuitProtected} work on methods outside tests (the AspectJ module weaves them) tells
 * core whether a class's methods are intercepted, so that the end-of-run check can warn about annotated methods
 * that nothing protects. Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.tripswitch.spi.CallInterception}. With none on the class path, no annotated method
 * outside tests is protected, and the check says so.
 *
 * <p>Contract: called once per annotated class, at the end of a run, on the thread that ends it; an exception is
 * logged and taken as "not intercepted".
 */
public interface CallInterception {

    /** Whether calls to the annotated methods of {@code type} (loaded, not initialised) are intercepted. */
    boolean intercepts(Class<?> type);

    /** How an intercepted class is, in the warning's words: "woven by AspectJ" ("not woven by AspectJ, so …"). */
    String interceptedAs();

    /** What a user does to have a class intercepted, for the warning about those that are not (one sentence). */
    String howToIntercept();
}
