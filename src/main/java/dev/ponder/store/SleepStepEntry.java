package dev.ponder.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one sleep-time step of one document stands, as stored in {@code sleep_steps}.
 *
 * @param documentId the document
 * @param step       the step's name, e.g. {@code section-notes}
 * @param inputKey   hex hash of everything the step reads; the status holds for this key only
 * @param status     where it stands
 * @param message    the sentence shown when {@link Status#FAILED}
 * @param attempts   failed attempts for this input key
 * @param updatedAt  when the row last changed
 */
public record SleepStepEntry(long documentId, String step, String inputKey, Status status, Optional<String> message,
                             int attempts, Instant updatedAt) {

    /** A step's state. */
    public enum Status {
        /** Due (never run, or cancelled by the user's return, or left running by a crash). */
        PENDING,
        /** Running now (or the process died while it ran; reset to PENDING at the next start). */
        RUNNING,
        /** Finished for {@link #inputKey()}; its results are stored. */
        DONE,
        /** Failed; {@link #message()} says why. Retried later. */
        FAILED
    }

    /** Whether the step is finished for {@code key}. */
    public boolean doneFor(String key) {
        return status == Status.DONE && inputKey.equals(key);
    }
}
