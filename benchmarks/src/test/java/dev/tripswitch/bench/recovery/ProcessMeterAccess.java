package dev.tripswitch.bench.recovery;

/** Test access to {@link ProcessMeter}'s parser. */
public final class ProcessMeterAccess {

    private ProcessMeterAccess() {
    }

    public static long[] parse(String stat) {
        return ProcessMeter.parseStat(stat);
    }
}
