package dev.tripswitch;

import java.time.Duration;

/**
 * What a circuit's waiting callers ({@link CircuitBreaker#awaitPermission()}) amounted to, since the circuit was
 * created or reset.
 *
 * @param held    how long at least one caller was waiting (callers waiting together count once)
 * @param waited  how many callers had to wait (those granted at once are not counted)
 * @param refused how many callers were refused after waiting, or at once because the opening's budget was spent
 * @param waiting how many callers are waiting now
 */
public record WaitTotals(Duration held, long waited, long refused, int waiting) {
}
