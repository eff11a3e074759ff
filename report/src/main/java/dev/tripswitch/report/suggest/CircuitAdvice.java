package dev.tripswitch.report.suggest;

import java.util.Map;

/** What the history says about one circuit's settings. */
public sealed interface CircuitAdvice {

    String circuit();

    /** Too few runs of the circuit to suggest anything: it has {@code runs}, a suggestion needs {@code needed}. */
    record TooLittleHistory(String circuit, int runs, int needed) implements CircuitAdvice {
    }

    /** Enough runs, but none showed the dependency down: every setting costs nothing on them. */
    record NothingToLearn(String circuit, int runs) implements CircuitAdvice {
    }

    /**
     * The suggestion, fitted on the older runs and checked on the newer ones.
     *
     * @param runs             the runs of the circuit
     * @param fitRuns          the older runs the candidates were scored on
     * @param heldOutRuns      the newer runs the suggestion was checked on
     * @param healthCheck      the circuit has a health check
     * @param current          the settings in force in the newest run
     * @param best             the best candidate on the older runs (the current settings when none does better)
     * @param currentFit       the current settings' cost on the older runs
     * @param bestFit          the best candidate's cost on the older runs
     * @param currentHeldOut   the current settings' cost on the newer runs
     * @param bestHeldOut      the best candidate's cost on the newer runs
     * @param confirmed        the newer runs confirm the best candidate: it costs no more there than the current
     * @param candidates       how many candidates were replayed
     * @param refusedForBlips  how many of them were left out because they opened on a blip of the history
     * @param why              one sentence a user can check against the history
     */
    record Suggestion(String circuit, int runs, int fitRuns, int heldOutRuns, boolean healthCheck, Candidate current,
                      Candidate best, ReplayCost currentFit, ReplayCost bestFit, ReplayCost currentHeldOut,
                      ReplayCost bestHeldOut, boolean confirmed, int candidates, int refusedForBlips, String why)
            implements CircuitAdvice {

        /** The settings to change: those of the best candidate that differ, when the newer runs confirm it. */
        public Map<String, String> changes() {
            return confirmed ? best.changesFrom(current, healthCheck) : Map.of();
        }

        /** The candidate suggested: the best one when confirmed, else the current settings. */
        public Candidate suggested() {
            return confirmed ? best : current;
        }
    }
}
