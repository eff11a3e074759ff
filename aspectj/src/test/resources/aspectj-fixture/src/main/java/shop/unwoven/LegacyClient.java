package shop.unwoven;

import dev.tripswitch.CircuitProtected;

/** Annotated, but left out of weaving by the build: the run must say so. */
public class LegacyClient {

    @CircuitProtected("legacy")
    public String ping() {
        return "pong";
    }
}
