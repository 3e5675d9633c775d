package dev.ponder.ui;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.answer.AnswerListener;
import java.util.List;

/** Asks a question ({@code AnswerService::ask} in the application). */
@FunctionalInterface
public interface Answering {

    /**
     * Starts answering; returns at once. {@code listener} is called on a background thread.
     *
     * @param scope document ids to ask about; empty = every ready document
     */
    AnswerHandle ask(String question, List<Long> scope, AnswerListener listener);
}
