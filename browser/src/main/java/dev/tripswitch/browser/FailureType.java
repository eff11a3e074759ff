package dev.tripswitch.browser;

/**
 * The kinds of failure {@link BrowserFailureInjector} can produce in a real browser. {@code browser/README.md}
 * says exactly what each does at each {@link FailureIntensity}.
 */
public enum FailureType {
    /** The network between browser and server: slow, refused, or gone. */
    CONNECTION_FAILURE,
    /** CPU and memory: throttled CPU, memory pressure, a heap filled with ballast. */
    RESOURCE_EXHAUSTION,
    /** The graphics stack: WebGL contexts lost, the GPU process crashed, WebGL blocked. */
    GPU_ERROR,
    /** The server side of the application: HTTP 500/503 answers to requests. */
    API_ERROR,
    /** Things that do not answer in time: a blocked page, requests that never complete. */
    TIMEOUT,
    /** Processes dying: the page's renderer or the whole browser. */
    CRASH,
    /** The browser's own machinery misbehaving under the driver: script errors, dialogs, a lost window. */
    INTERNAL_ERROR
}
