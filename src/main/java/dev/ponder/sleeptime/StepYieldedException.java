package dev.ponder.sleeptime;

/**
 * A step stopped at the end of its turn ({@link Turn}) so that another document goes next; it is
 * PENDING and goes on from what it stored at its next turn. Not a failure and not a cancellation.
 */
final class StepYieldedException extends Exception {
    StepYieldedException() {
        super("sleep-time step yielded its turn", null, false, false);
    }
}
