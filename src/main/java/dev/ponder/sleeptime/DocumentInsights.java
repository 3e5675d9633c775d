package dev.ponder.sleeptime;

import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.NotesCoverage;
import java.util.List;
import java.util.Optional;

/**
 * What sleep-time compute knows about one document, for the insights panel and the {@code think}
 * command.
 *
 * @param state                  where sleep-time stands for it
 * @param learnedContext         its newest c′ (current, or stale when {@code state} says so)
 * @param renderedLearnedContext the same as the text test-time prompts quote
 * @param learnedContextVersion  the version of that c′ (1, 2, …), 0 when there is none
 * @param anticipatedQuestions   the newest anticipated questions with their prepared answers
 * @param sleepPromptTokens      prompt tokens of every sleep-time call for this document so far (Ollama's counts)
 * @param sleepCompletionTokens  completion tokens of those calls (thinking included)
 * @param timeline               what sleep-time cost until each result was first usable
 * @param notes                  the sections with notes from the sleep-time model now, of those a model call
 *                               is for (sections left out without one — contents, indexes — are in neither
 *                               number); empty when not known (no sleep-time model available)
 * @param leftOut                sections stored without a call: not worth notes, or no usable answer
 * @param contextCoverage        the sections whose notes the newest c′ was made from (0 of N: a first look)
 */
public record DocumentInsights(DocumentSleepState state, Optional<LearnedContext> learnedContext,
                               Optional<String> renderedLearnedContext, int learnedContextVersion,
                               List<AnticipatedQuestion> anticipatedQuestions, long sleepPromptTokens,
                               long sleepCompletionTokens, SleepTimeline timeline, Optional<NotesCoverage> notes,
                               int leftOut, NotesCoverage contextCoverage) {
    public DocumentInsights {
        anticipatedQuestions = List.copyOf(anticipatedQuestions);
    }

    /** As above, with coverage not known and c′ (if any) complete. */
    public DocumentInsights(DocumentSleepState state, Optional<LearnedContext> learnedContext,
                            Optional<String> renderedLearnedContext, int learnedContextVersion,
                            List<AnticipatedQuestion> anticipatedQuestions, long sleepPromptTokens,
                            long sleepCompletionTokens, SleepTimeline timeline) {
        this(state, learnedContext, renderedLearnedContext, learnedContextVersion, anticipatedQuestions,
                sleepPromptTokens, sleepCompletionTokens, timeline, Optional.empty(), 0, NotesCoverage.COMPLETE);
    }

    /** As above, with no timeline ({@link SleepTimeline#NONE}). */
    public DocumentInsights(DocumentSleepState state, Optional<LearnedContext> learnedContext,
                            Optional<String> renderedLearnedContext, int learnedContextVersion,
                            List<AnticipatedQuestion> anticipatedQuestions, long sleepPromptTokens,
                            long sleepCompletionTokens) {
        this(state, learnedContext, renderedLearnedContext, learnedContextVersion, anticipatedQuestions,
                sleepPromptTokens, sleepCompletionTokens, SleepTimeline.NONE);
    }
}
