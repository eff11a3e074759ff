package dev.tripswitch.browser;

/** The steps of progressive recovery, cheapest first. */
public enum RecoveryStep {
    /** Run the operation again, unchanged (transient network or server trouble). */
    RETRY,
    /** Reload the page; a crashed or lost window is first replaced by a new tab at the same URL. */
    RELOAD,
    /** Quit the browser and start a new one with the same settings. */
    RESTART_SESSION,
    /** Start a new browser with settings chosen for the failure type ({@link FailureSettings}). */
    RESTART_WITH_FAILURE_SETTINGS,
    /** Start another browser that is available on this machine. */
    FALLBACK_BROWSER;

    /**
     * Where recovery starts for a failure: network, API and internal errors start with a plain retry; timeouts,
     * resource exhaustion and GPU errors with a reload; a crash skips retries and starts with a reload (which
     * replaces the crashed tab).
     */
    public static RecoveryStep startFor(FailureType type) {
        switch (type) {
            case CONNECTION_FAILURE:
            case API_ERROR:
            case INTERNAL_ERROR:
                return RETRY;
            default:
                return RELOAD;
        }
    }
}
