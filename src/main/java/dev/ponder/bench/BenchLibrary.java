package dev.ponder.bench;

import dev.ponder.answer.AnswerService;
import dev.ponder.document.LibraryService;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.UserActivity;

/**
 * A fresh library (own data folder, own H2 file) with Ponder's services wired as the product wires
 * them, for one benchmark condition. Built by the composition root; closing it closes the services.
 * Sleep-time must be started and never idle-triggered, so only {@code think} runs it.
 */
public interface BenchLibrary extends AutoCloseable {

    LibraryService libraryService();

    SleepTimeService sleepTime();

    AnswerService answers();

    /** Where input is reported: {@code touch()} is the person coming back. */
    UserActivity userActivity();

    /** The chat model, for the baseline conditions' direct calls. */
    LanguageModel chatModel() throws LlmException;

    @Override
    void close();

    /** Opens a library whose sleep-time makes {@code k} parallel generations of anticipated questions. */
    @FunctionalInterface
    interface Factory {
        BenchLibrary open(String name, int k) throws Exception;
    }
}
