package dev.ponder.sleeptime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ponder.llm.Completion;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.Prompt;
import dev.ponder.llm.TokenUsage;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.store.SleepTimeRepository;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every sleep-time model call goes through here. Calls are streamed even though nobody reads the
 * tokens as they come: a stream can be closed at any moment ({@link dev.ponder.llm.StreamHandle#cancel()}), so
 * when the person comes back Ollama sees the connection go and stops generating, and the user's
 * question does not queue behind sleep work. Each call is recorded in {@code sleep_calls} with the
 * tokens Ollama measured.
 */
final class SleepCalls {

    /** How much of an invalid answer goes into the repair prompt, in characters. */
    static final int REPAIR_EXCERPT_CHARS = 12_000;

    private static final Logger log = LoggerFactory.getLogger(SleepCalls.class);

    private final SleepTimeRepository repository;

    SleepCalls(SleepTimeRepository repository) {
        this.repository = repository;
    }

    /** Where a call belongs: its document and step, and the preemption that can cancel the step. */
    record Scope(long documentId, SleepStep step, Preemption preemption) {
    }

    /** A parsed answer and the tokens its call (and any repair call) cost. */
    record Answer<T>(T value, TokenUsage usage) {
    }

    /**
     * Streams {@code prompt} and waits for the whole answer. No deadline of its own: the model
     * adapter ends a stalled stream (see {@link LanguageModel}).
     *
     * @throws StepCancelledException when the scope was cancelled (the stream is closed)
     * @throws LlmException           when the server or the connection failed
     */
    Completion call(Scope scope, LanguageModel model, Prompt prompt) throws StepCancelledException, LlmException {
        scope.preemption().check();
        long start = System.nanoTime();
        try {
            Completion completion = model.streamAndWait(prompt, scope.preemption());
            record(scope, model, SleepCallEntry.Outcome.OK, completion.usage(), start);
            return completion;
        } catch (CancellationException e) {
            record(scope, model, SleepCallEntry.Outcome.CANCELLED, TokenUsage.NONE, start);
            throw new StepCancelledException();
        } catch (LlmException e) {
            record(scope, model, SleepCallEntry.Outcome.FAILED, TokenUsage.NONE, start);
            throw e;
        }
    }

    /**
     * Asks for a JSON answer and reads it with {@code reader}. An answer that is not valid JSON, or
     * that {@code reader} rejects, gets one repair call; then the step fails.
     *
     * @param shape  an example of the JSON wanted, shown to the repair call
     * @param reader the value, or empty when the JSON does not hold what was asked for
     * @throws StepFailedException with the sentence for the step: invalid twice, or the server failed
     */
    <T> Answer<T> callForJson(Scope scope, LanguageModel model, Prompt prompt, String shape,
                              Function<JsonNode, Optional<T>> reader) throws StepCancelledException, StepFailedException {
        try {
            Completion first = call(scope, model, prompt.asJson());
            Optional<T> value = ModelJson.parse(first.text()).flatMap(reader);
            if (value.isPresent()) {
                return new Answer<>(value.get(), first.usage());
            }
            log.info("Sleep-time {} of document {}: the answer of {} is not the JSON asked for ({} chars); repairing once",
                    scope.step().key(), scope.documentId(), model.modelName(), first.text().length());
            Completion second = call(scope, model, repairPrompt(shape, first.text(), prompt.maxOutputTokens()));
            TokenUsage both = new TokenUsage(first.usage().promptTokens() + second.usage().promptTokens(),
                    first.usage().completionTokens() + second.usage().completionTokens());
            value = ModelJson.parse(second.text()).flatMap(reader);
            if (value.isPresent()) {
                return new Answer<>(value.get(), both);
            }
            log.warn("Sleep-time {} of document {}: still no valid JSON after the repair call", scope.step().key(),
                    scope.documentId());
            throw StepFailedException.invalidAnswer("The sleep-time model (" + model.modelName() + ") did not answer in "
                    + "the form Ponder asked for while " + scope.step().activity() + ", even after a second try — Ponder "
                    + "tries again later; a larger sleep-time model (--sleep-model) may do better.");
        } catch (LlmException e) {
            log.info("Sleep-time {} of document {} failed: {}", scope.step().key(), scope.documentId(), e.getMessage());
            throw new StepFailedException(e.getMessage(), e);
        }
    }

    private static Prompt repairPrompt(String shape, String broken, int maxOutputTokens) {
        String excerpt = broken.length() <= REPAIR_EXCERPT_CHARS ? broken : broken.substring(0, REPAIR_EXCERPT_CHARS);
        String user = "Shape:\n" + shape + "\n\n" + SleepPrompts.quote("broken_output", "", excerpt.isBlank() ? "(empty)" : excerpt)
                + "\nWrite the valid JSON now.";
        return new Prompt(SleepPrompts.REPAIR_JSON.text(), user, maxOutputTokens).asJson();
    }

    private void record(Scope scope, LanguageModel model, SleepCallEntry.Outcome outcome, TokenUsage usage, long start) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        try {
            repository.recordCall(new SleepCallEntry(scope.documentId(), scope.step().key(), model.modelName(), outcome,
                    usage.promptTokens(), usage.completionTokens(), ms));
        } catch (RuntimeException e) {
            // the accounting must not turn a finished answer into a failed step
            log.warn("Could not record a sleep-time call of document {}", scope.documentId(), e);
        }
    }
}
