package dev.tripswitch.junit;

import dev.tripswitch.internal.RunLedger;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintStream;

/**
 * The ledger of one Jupiter run, kept in the root store; when JUnit closes the root store at the end of the
 * run, it prints one summary line per circuit the run used (nothing if it used none).
 */
@SuppressWarnings("deprecation") // CloseableResource: see HeldPermit
final class RunSummary implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final RunLedger ledger = new RunLedger();
    private final PrintStream out;
    private boolean printed;

    RunSummary(PrintStream out) {
        this.out = out;
    }

    /** The ledger of the run that {@code context} belongs to, created on first use. */
    static RunLedger ledgerOf(ExtensionContext context) {
        return context.getRoot().getStore(CircuitBreakerExtension.NAMESPACE)
                .getOrComputeIfAbsent(RunSummary.class, k -> new RunSummary(System.out), RunSummary.class)
                .ledger;
    }

    RunLedger ledger() {
        return ledger;
    }

    @Override
    public synchronized void close() {
        if (printed) {
            return;
        }
        printed = true;
        for (String line : ledger.summaryLines()) {
            out.println(line);
        }
        out.flush();
    }
}
