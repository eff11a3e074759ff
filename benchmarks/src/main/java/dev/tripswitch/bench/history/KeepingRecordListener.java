package dev.tripswitch.bench.history;

import dev.tripswitch.history.RunRecord;
import dev.tripswitch.spi.RunRecordListener;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The "record collected, nothing written" arm of the history benchmark: when {@value #SWITCH} is {@code true}, runs
 * collect their record and it is handed here, kept and not written, so that the arm measures what collecting costs
 * per test and nothing else. Off otherwise (no record collected for it).
 */
public final class KeepingRecordListener implements RunRecordListener {

    static final String SWITCH = "tripswitch.bench.keepRecords";
    static final AtomicReference<RunRecord> LAST = new AtomicReference<>();

    @Override
    public boolean wantsRecords() {
        return Boolean.getBoolean(SWITCH);
    }

    @Override
    public List<String> runEnded(RunRecord record) {
        LAST.set(record);
        return List.of();
    }
}
