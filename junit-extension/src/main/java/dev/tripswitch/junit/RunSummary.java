package dev.tripswitch.junit;

import dev.tripswitch.TestRun;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintStream;

/** The {@link TestRun} of one Jupiter run, in the root store; closing that store prints the run's summary lines. */
@SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
final class RunSummary implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final TestRun run = TestRun.start();
    private final PrintStream out = System.out;
    private boolean printed;

    /** The run that {@code context} belongs to, started on first use. */
    static TestRun runOf(ExtensionContext context) {
        return context.getRoot().getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(RunSummary.class, k -> new RunSummary(), RunSummary.class)
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
