package dev.tripswitch.browser;

import java.time.Duration;

/**
 * How a {@link BrowserFailureInjector} behaves.
 *
 * @param recordMildAndModerate whether mild and moderate injections (other than crashes) record a failure on
 *                              the circuit; severe injections and crashes always record exactly one
 * @param mildLasts             how long a mild failure lasts before it undoes itself, or {@code null} for
 *                              "until restore()"
 * @param moderateLasts         the same for moderate failures
 * @param randomSeed            seed for {@code injectRandomFailure}, or {@code null} for a random seed
 */
public record InjectorSettings(boolean recordMildAndModerate, Duration mildLasts, Duration moderateLasts,
                               Long randomSeed) {

    public static final Duration DEFAULT_MILD_LASTS = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MODERATE_LASTS = Duration.ofSeconds(30);

    public InjectorSettings {
        requirePositiveOrNull("mildLasts", mildLasts);
        requirePositiveOrNull("moderateLasts", moderateLasts);
    }

    /** No recording of mild/moderate, mild lasts 10 s, moderate 30 s, severe until restore(). */
    public static InjectorSettings defaults() {
        return new InjectorSettings(false, DEFAULT_MILD_LASTS, DEFAULT_MODERATE_LASTS, null);
    }

    public InjectorSettings withRecordMildAndModerate(boolean value) {
        return new InjectorSettings(value, mildLasts, moderateLasts, randomSeed);
    }

    public InjectorSettings withMildLasts(Duration value) {
        return new InjectorSettings(recordMildAndModerate, value, moderateLasts, randomSeed);
    }

    /** Every failure lasts until {@code restore()}: what tests that observe a failure at leisure want. */
    public InjectorSettings untilRestored() {
        return new InjectorSettings(recordMildAndModerate, null, null, randomSeed);
    }

    private static void requirePositiveOrNull(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(name + " must be a positive duration or null (until restore()),"
                    + " but was " + value);
        }
    }
}
