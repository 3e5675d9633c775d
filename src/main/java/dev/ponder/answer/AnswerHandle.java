package dev.ponder.answer;

/** Stops an answer in progress: the model's stream is closed and the partial answer stored. */
public interface AnswerHandle {
    /** Idempotent; safe from any thread. */
    void stop();
}
