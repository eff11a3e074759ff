package dev.tripswitch.bench.recovery;

import dev.tripswitch.browser.Browser;
import dev.tripswitch.browser.FailureIntensity;
import dev.tripswitch.browser.FailureType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The seeded case list: every browser × failure type × intensity × repetition, in a shuffled order. */
public final class CaseList {

    private CaseList() {
    }

    public static List<RecoveryCase> build(List<Browser> browsers, List<FailureType> types,
                                           List<FailureIntensity> intensities, int repetitions, long seed) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be at least 1, but was " + repetitions);
        }
        List<RecoveryCase> unordered = new ArrayList<>();
        for (Browser b : browsers) {
            for (FailureType t : types) {
                for (FailureIntensity i : intensities) {
                    for (int r = 1; r <= repetitions; r++) {
                        unordered.add(new RecoveryCase(-1, b, t, i, r));
                    }
                }
            }
        }
        Collections.shuffle(unordered, new Random(seed));
        List<RecoveryCase> out = new ArrayList<>(unordered.size());
        for (int k = 0; k < unordered.size(); k++) {
            RecoveryCase c = unordered.get(k);
            out.add(new RecoveryCase(k, c.browser(), c.type(), c.intensity(), c.repetition()));
        }
        return List.copyOf(out);
    }
}
