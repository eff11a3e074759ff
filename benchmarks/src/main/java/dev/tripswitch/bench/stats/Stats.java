package dev.tripswitch.bench.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Summary statistics of one list of samples.
 *
 * @param n      number of samples
 * @param mean   arithmetic mean (0 when empty)
 * @param median the middle value, or the mean of the two middle values (0 when empty)
 * @param min    smallest sample (0 when empty)
 * @param max    largest sample (0 when empty)
 * @param p90    90th percentile, nearest rank (0 when empty)
 */
public record Stats(int n, double mean, double median, double min, double max, double p90) {

    public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0);

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        int rank = (int) Math.ceil(0.9 * n);
        return new Stats(n, sum / n, median, sorted.get(0), sorted.get(n - 1), sorted.get(Math.max(0, rank - 1)));
    }

    /**
     * How much lower {@code with} is than {@code without}, in percent of {@code without} (positive: lower is
     * better and {@code with} is lower). NaN when {@code without} is 0.
     */
    public static double reductionPercent(double with, double without) {
        if (without == 0) {
            return Double.NaN;
        }
        return (without - with) / without * 100.0;
    }

    /** Relative increase of {@code with} over {@code without} in percent; NaN when {@code without} is 0. */
    public static double increasePercent(double with, double without) {
        if (without == 0) {
            return Double.NaN;
        }
        return (with - without) / without * 100.0;
    }
}
