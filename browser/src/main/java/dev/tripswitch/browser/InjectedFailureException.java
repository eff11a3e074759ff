package dev.tripswitch.browser;

/**
 * The failure an injection records on its circuit, so that the circuit's last failure says what was injected.
 */
public class InjectedFailureException extends RuntimeException {

    private final FailureType type;
    private final FailureIntensity intensity;

    public InjectedFailureException(FailureType type, FailureIntensity intensity, String mechanism) {
        super("injected browser failure " + type + "/" + intensity + " (" + mechanism + ")", null, false, false);
        this.type = type;
        this.intensity = intensity;
    }

    public FailureType type() {
        return type;
    }

    public FailureIntensity intensity() {
        return intensity;
    }
}
