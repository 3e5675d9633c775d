package dev.ponder.sleeptime;

/** Hears how far a running sleep-time step got, in the step's own units (sections, parts, generations). */
@FunctionalInterface
interface StepProgress {
    void progress(int done, int total);
}
