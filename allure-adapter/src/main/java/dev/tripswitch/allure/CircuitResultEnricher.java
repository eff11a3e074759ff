package dev.tripswitch.allure;

import io.qameta.allure.Allure;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Puts what {@link CircuitReportListener} collected into the Allure result of the same test, just before
 * Allure stops and writes it. This also reaches tests that never start in Allure's sense: allure-junit5
 * writes a result for a test disabled by a condition (a circuit refusal) without giving the runtime API a
 * chance, but it still calls the lifecycle listeners. Loaded by Allure's own {@link java.util.ServiceLoader}.
 */
public final class CircuitResultEnricher implements TestLifecycleListener {

    private static final System.Logger LOG = System.getLogger(CircuitResultEnricher.class.getName());

    @Override
    public void beforeTestStop(TestResult result) {
        PendingCircuitData d = PendingCircuitData.peekFor(result.getFullName());
        if (d != null) {
            apply(d, result);
            d.clearApplied();
        }
    }

    @Override
    public void beforeTestWrite(TestResult result) {
        PendingCircuitData d = PendingCircuitData.takeFor(result.getFullName());
        if (d != null) {
            if (!d.isEmpty()) {
                apply(d, result);
            }
            d.writtenAs(result);
        }
    }

    /**
     * Adds data that came after Allure wrote the result (allure-testng writes on its own {@code onTestSuccess}
     * or {@code onTestFailure}, which TestNG may call before Tripswitch's) and writes the result again, under
     * the same name.
     */
    static void rewrite(PendingCircuitData late) {
        TestResult result = late.writtenResult;
        try {
            apply(late, result);
            new FileSystemResultsWriter(AllureResultsFiles.resultsDirectory()).write(result);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Tripswitch could not add the circuit's outcome to the Allure"
                    + " result of " + result.getFullName(), e);
        } finally {
            late.clearApplied();
        }
    }

    static void apply(PendingCircuitData d, TestResult result) {
        d.labels.forEach((name, value) -> {
            result.getLabels().removeIf(l -> name.equals(l.getName()));
            result.getLabels().add(new Label().setName(name).setValue(value));
        });
        for (PendingCircuitData.NamedContent a : d.attachments) {
            result.getAttachments().removeIf(x -> a.name().equals(x.getName()));
            result.getAttachments().add(write(a));
        }
        for (PendingCircuitData.Note n : d.notes) {
            StepResult step = new StepResult()
                    .setName(n.title())
                    .setStatus(n.ok() ? Status.PASSED : Status.FAILED)
                    .setStage(Stage.FINISHED)
                    .setStart(result.getStart())
                    .setStop(result.getStart());
            if (n.detailsJson() != null) {
                step.getAttachments().add(write(new PendingCircuitData.NamedContent(n.title() + ".json",
                        "application/json", "json", n.detailsJson().getBytes(StandardCharsets.UTF_8))));
            }
            result.getSteps().add(step);
        }
        if (d.countedAgainst != null) {
            StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
            String marker = Labels.COUNTED_MARKER + d.countedAgainst + "'";
            String trace = details.getTrace() == null ? "" : details.getTrace();
            if (!trace.contains(marker)) {
                details.setTrace(trace + (trace.isEmpty() ? "" : "\n") + marker);
            }
            result.setStatusDetails(details);
        }
    }

    private static Attachment write(PendingCircuitData.NamedContent a) {
        String source = UUID.randomUUID() + "-attachment." + a.extension();
        Allure.getLifecycle().writeAttachment(source, new ByteArrayInputStream(a.content()));
        return new Attachment().setName(a.name()).setType(a.type()).setSource(source);
    }
}
