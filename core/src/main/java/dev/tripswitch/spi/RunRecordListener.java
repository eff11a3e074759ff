package dev.tripswitch.spi;

import dev.tripswitch.history.RunRecord;

import java.util.List;

/**
 * Receives the record of each run of protected tests when the run ends (the report module keeps it in the run
 * history and writes the run's report). Found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.tripswitch.spi.RunRecordListener} when a {@link dev.tripswitch.TestRun} starts.
 *
 * <p>Contract: {@link #wantsRecords()} is asked once, when a run starts; when no listener wants records, the run
 * collects none (its tests cost nothing more). {@link #runEnded} is called once per run that used a circuit, by
 * {@link dev.tripswitch.TestRun#summaryLines()}, on the thread that ends the run; its lines are printed with the
 * run's summary. It must not fail the run: an exception is logged and its lines are left out.
 */
public interface RunRecordListener {

    /** Whether this listener wants the records of runs (for example, unless history is switched off). */
    default boolean wantsRecords() {
        return true;
    }

    /** The run is over: {@code record} is what it did. Returns lines for the run's summary (empty for none). */
    List<String> runEnded(RunRecord record);
}
