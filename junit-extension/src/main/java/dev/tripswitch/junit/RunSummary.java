package dev.tripswitch.junit;

import dev.tripswitch.TestRun;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintStream;

/**
 * The {@link TestRun} of one Jupiter run, kept in the root store; when JUnit closes the root store at the end of
 * the run, it prints one summary line per circuit the run used (nothing if it used none).
 */
@SuppressWarnings("deprecation") // CloseableResource: the store hook honoured by every JUnit 5 version
final class RunSummary implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final TestRun run = TestRun.start();
    private final PrintStream out;
    private boolean printed;

    private RunSummary(PrintStream out) {
        this.out = out;
    }

    /** The run that {@code context} belongs to, started on first use. */
    static TestRun runOf(ExtensionContext context) {
        return context.getRoot().getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(RunSummary.class, k -> new RunSummary(System.out), RunSummary.class)
                .run;
    }

    @Override
    public synchronized void close() {
        if (printed) {
            return;
        }
        printed = true;
        for (String line : run.summaryLines()) {
            out.println(line);
        }
        out.flush();
    }
}
