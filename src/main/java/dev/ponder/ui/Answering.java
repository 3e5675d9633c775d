package dev.ponder.ui;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;

/** Asks a question ({@code AnswerService::ask} in the application). */
@FunctionalInterface
public interface Answering {

    /**
     * Starts answering {@code request} (question, scope, the conversation it continues, whether a
     * prepared answer may be served); returns at once. {@code listener} is called on a background
     * thread.
     */
    AnswerHandle ask(AnswerRequest request, AnswerListener listener);
}
