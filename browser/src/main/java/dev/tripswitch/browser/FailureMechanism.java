package dev.tripswitch.browser;

/**
 * Produces one {@link FailureType} in a running browser at any intensity. Implementations apply the failure,
 * observe that it took effect, and return how to undo it. They throw only when the failure could not be
 * applied at all.
 */
interface FailureMechanism {

    ActiveFailure apply(BrowserSession session, FailureIntensity intensity) throws Exception;

    static FailureMechanism forType(FailureType type) {
        switch (type) {
            case CONNECTION_FAILURE:
                return new ConnectionFailureMechanism();
            case RESOURCE_EXHAUSTION:
                return new ResourceExhaustionMechanism();
            case GPU_ERROR:
                return new GpuErrorMechanism();
            case API_ERROR:
                return new ApiErrorMechanism();
            case TIMEOUT:
                return new TimeoutMechanism();
            case CRASH:
                return new CrashMechanism();
            default:
                return new InternalErrorMechanism();
        }
    }
}
