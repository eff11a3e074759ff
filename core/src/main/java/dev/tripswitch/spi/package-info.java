/**
 * How other Tripswitch modules plug into core, found with {@link java.util.ServiceLoader} when a
 * {@link dev.tripswitch.TestRun} starts: {@link dev.tripswitch.spi.BeforeBodyStep} (done to a test right before its
 * body), {@link dev.tripswitch.spi.TestParameterSource} (test parameters), {@link dev.tripswitch.spi.RunSummaryContributor}
 * (lines of the end-of-run summary), {@link dev.tripswitch.spi.RunRecordListener} (the run's record, at its end), and
 * {@link dev.tripswitch.spi.TestScope}, what a module keeps for one test. The
 * framework adapters call them only through {@code TestRun}; core names no module that implements them.
 */
package dev.tripswitch.spi;
