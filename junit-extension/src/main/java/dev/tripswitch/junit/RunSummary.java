package dev.tripswitch.junit;

import dev.tripswitch.TestRun;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintStream;
import java.util.Optional;

/** The {@link TestRun} of one Jupiter run, in the root store; closing that store prints the run's summary lines. */
@SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
final class RunSummary implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final TestRun run = TestRun.start();
    private final PrintStream out = System.out;
    private boolean printed;

    /**
     * The run that {@code context} belongs to: the replaying run of the {@code tripswitch} engine that runs this
     * Jupiter execution (which prints the summary when all its rounds are done), else one started on first use.
     */
    static TestRun runOf(ExtensionContext context) {
        Optional<String> replaying = context.getConfigurationParameter(ReplayingEngine.RUN_PARAMETER);
        if (replaying.isPresent()) {
            return TestRun.replaying(replaying.get()).orElseThrow(() -> new IllegalStateException(
                    "Tripswitch: the replaying run " + replaying.get() + " has ended, but its tests still run"));
        }
        return context.getRoot().getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(RunSummary.class, k -> {
                    JUnitConfiguration.use(context.getRoot()); // before any circuit of the run is made
                    return new RunSummary();
                }, RunSummary.class)
                .run;
    }

    @Override
    public synchronized void close() {
        if (!printed) {
            printed = true;
            run.summaryLines().forEach(out::println);
            out.flush();
        }
    }
}
