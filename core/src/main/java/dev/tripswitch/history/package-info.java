/**
 * The record of one run of tests under circuits: what each circuit was set to and by whom, how it moved, what its
 * health check answered, and what became of each test it guarded. A {@link dev.tripswitch.TestRun} collects it
 * while its tests run and hands it, once finished, to the {@link dev.tripswitch.spi.RunRecordListener}s (the report
 * module keeps it in the run history). Immutable values; core neither stores nor renders them.
 */
package dev.tripswitch.history;
