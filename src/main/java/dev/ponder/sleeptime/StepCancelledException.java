package dev.ponder.sleeptime;

/** A sleep-time step stopped because the person came back, a question arrived, or the user paused. Redone later. */
final class StepCancelledException extends Exception {
    StepCancelledException() {
        super("sleep-time step cancelled", null, false, false);
    }
}
