package dev.tripswitch;

/**
 * A circuit's configuration was refused: a value out of range, a value that cannot be parsed,
 * or two conflicting definitions of the same circuit. The message names the setting, the value
 * and what is allowed (or both places of a conflict).
 */
public class CircuitConfigurationException extends IllegalArgumentException {

    public CircuitConfigurationException(String message) {
        super(message);
    }

    public CircuitConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
