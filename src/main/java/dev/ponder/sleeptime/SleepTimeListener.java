package dev.ponder.sleeptime;

/**
 * Hears what sleep-time compute does. Called on a Ponder background thread: a UI listener moves to
 * its own thread itself. Must return quickly; exceptions are logged and ignored.
 */
public interface SleepTimeListener {

    /** The overall status changed (state, sentence or progress). */
    void statusChanged(SleepTimeStatus status);

    /** One document's sleep-time state changed. */
    default void documentChanged(DocumentSleepState state) {
    }
}
