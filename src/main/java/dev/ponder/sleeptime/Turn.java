package dev.ponder.sleeptime;

/**
 * Whether a step that takes turns ({@link Step#takesTurns()}) should stop after its current call so
 * that another document goes next: documents take turns, and the document the person selected or
 * asked about goes first. What the step finished stays stored; it goes on at its next turn.
 */
@FunctionalInterface
interface Turn {

    /** A turn that never ends (one document alone, or a caller that does not schedule). */
    Turn ENDLESS = () -> false;

    /** @return true when the step should stop at the next point where stopping loses nothing */
    boolean over();
}
