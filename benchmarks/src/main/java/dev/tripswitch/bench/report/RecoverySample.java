package dev.tripswitch.bench.report;

import java.util.List;

/**
 * One recovery in one arm: the raw measurement.
 *
 * @param order                 the case's position in the run order
 * @param browser               browser name
 * @param failureType           the failure injected
 * @param intensity             its intensity
 * @param repetition            repetition of the combination, from 1
 * @param arm                   {@code WITH_CIRCUIT_BREAKER} or {@code WITHOUT_CIRCUIT_BREAKER}
 * @param injected              the injector applied the failure
 * @param verified              the injector observed it take effect
 * @param injectionMs           how long the injection (with its observation) took
 * @param recoveryMs            injection → first successful operation; a recovery that did not succeed within
 *                              the budget counts as the budget
 * @param elapsedMs             the time actually spent until success or giving up (may exceed the budget)
 * @param recoveredWithinBudget the operation succeeded within the budget
 * @param recoveredEventually   it succeeded at all (the baseline's restart after the budget included)
 * @param succeededAt           how: {@code FIRST_TRY}, a recovery step's name, {@code RETRY_LOOP},
 *                              {@code RESTART_AFTER_BUDGET}, or {@code null}
 * @param steps                 each step tried, in order
 * @param jvmCpuMs              CPU time of this JVM during the recovery
 * @param browserCpuMs          CPU time of the browser and driver processes during the recovery
 * @param browserLaunches       browsers started during the recovery
 * @param peakBrowserRssMb      peak resident memory of all browser and driver processes together
 * @param note                  the injector's observation, a circuit note, or an error
 */
public record RecoverySample(int order, String browser, String failureType, String intensity, int repetition,
                             String arm, boolean injected, boolean verified, double injectionMs, double recoveryMs,
                             double elapsedMs, boolean recoveredWithinBudget, boolean recoveredEventually,
                             String succeededAt, List<Step> steps, double jvmCpuMs, double browserCpuMs,
                             int browserLaunches, double peakBrowserRssMb, String note) {

    public RecoverySample {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /**
     * One step of a recovery.
     *
     * @param step    {@code ATTEMPT} (the operation run as it is), a {@code RecoveryStep} name, or
     *                {@code RESTART}
     * @param ok      the operation succeeded after it
     * @param ms      how long it took, operation included
     * @param failure why it failed, or {@code null}
     */
    public record Step(String step, boolean ok, double ms, String failure) {
    }
}
