package dev.tripswitch.internal;

import dev.tripswitch.CircuitSnapshot;

/**
 * What a circuit's back end ({@link CircuitStateMachine}, {@link SharedCircuit}) tells about what happens on it;
 * the circuit passes it on to its listeners. Called synchronously, on the thread that caused the event;
 * {@link #success()} is on the CLOSED hot path.
 */
public interface CircuitEvents {

    /** Tells nobody (a back end made without a circuit around it, in tests). */
    CircuitEvents NONE = new CircuitEvents() {
        @Override
        public void transition(CircuitSnapshot.Transition transition) {
        }

        @Override
        public void success() {
        }

        @Override
        public void failure(Throwable failure, boolean counted) {
        }

        @Override
        public void rejection() {
        }

        @Override
        public void healthAnswered(boolean healthy, String answer) {
        }
    };

    /** The circuit moved from one state to another. */
    void transition(CircuitSnapshot.Transition transition);

    /** A success was recorded. */
    void success();

    /** A failure was reported; {@code counted}: whether it counted against the circuit. */
    void failure(Throwable failure, boolean counted);

    /** A call was refused. */
    void rejection();

    /** The circuit's health check answered. */
    void healthAnswered(boolean healthy, String answer);
}
