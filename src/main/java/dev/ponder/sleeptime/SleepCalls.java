package dev.ponder.sleeptime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ponder.llm.Completion;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.Prompt;
import dev.ponder.llm.TokenEstimate;
import dev.ponder.llm.TokenUsage;
import dev.ponder.settings.Advice;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.store.SleepTimeRepository;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every sleep-time model call goes through here. Calls are streamed even though nobody reads the
 * tokens as they come: a stream can be closed at any moment ({@link dev.ponder.llm.StreamHandle#cancel()}),
 * so when the person comes back Ollama sees the connection go and stops generating, and the user's
 * question does not queue behind sleep work. Each call is recorded in {@code sleep_calls} with the
 * tokens Ollama measured and how it ended (OK, INVALID, CUT_OFF, CANCELLED, FAILED).
 */
final class SleepCalls {

    /** How much of an invalid answer goes into the repair prompt, in characters. */
    static final int REPAIR_EXCERPT_CHARS = 12_000;
    /** Tokens kept free for the chat template when an answer budget is raised. */
    static final int TEMPLATE_MARGIN = 128;

    private static final Logger log = LoggerFactory.getLogger(SleepCalls.class);

    private final SleepTimeRepository repository;

    SleepCalls(SleepTimeRepository repository) {
        this.repository = repository;
    }

    /** Where a call belongs: its document and step, and the preemption that can cancel the step. */
    record Scope(long documentId, SleepStep step, Preemption preemption) {
    }

    /** A parsed answer and the tokens its calls (with any second try) cost. */
    record Answer<T>(T value, TokenUsage usage) {
    }

    /** What a cut-off answer leads to. */
    enum OnCutOff {
        /** Ask again with a larger answer budget, within the model's context; then fail. */
        RAISE_BUDGET,
        /** Fail at once with {@link StepFailedException#cutOff()}: the caller asks for less (e.g. fewer sections). */
        FAIL
    }

    /**
     * Streams {@code prompt} and waits for the whole answer. No deadline of its own: the model
     * adapter ends a stalled stream (see {@link LanguageModel}). Recorded as OK.
     *
     * @throws StepCancelledException when the scope was cancelled (the stream is closed)
     * @throws LlmException           when the server or the connection failed
     */
    Completion call(Scope scope, LanguageModel model, Prompt prompt) throws StepCancelledException, LlmException {
        return call(scope, model, prompt, c -> SleepCallEntry.Outcome.OK);
    }

    private Completion call(Scope scope, LanguageModel model, Prompt prompt,
                            Function<Completion, SleepCallEntry.Outcome> judge) throws StepCancelledException, LlmException {
        scope.preemption().check();
        long start = System.nanoTime();
        try {
            Completion completion = model.streamAndWait(prompt, scope.preemption());
            record(scope, model, judge.apply(completion), completion.usage(), start);
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
     * Asks for a JSON answer (of {@code prompt}'s schema) and reads it with {@code reader}, leniently
     * ({@link ModelJson#read}: the text, else the thinking field). One second try at most:
     * <ul>
     *   <li>an answer cut off by its budget ({@code done_reason} {@code length}) is not repaired:
     *       with {@link OnCutOff#RAISE_BUDGET} it is asked for again with a larger budget within
     *       {@code num_ctx}; with {@link OnCutOff#FAIL} the step fails at once so that the caller asks
     *       for less;</li>
     *   <li>an answer with JSON that is not what was asked for gets one repair call, shown the example
     *       of the schema and sent the schema; an answer with no JSON at all (a refusal, prose) is asked
     *       for once more, since there is nothing to repair.</li>
     * </ul>
     *
     * @param reader the value, or empty when the JSON does not hold what was asked for
     * @throws StepFailedException with the sentence for the step: cut off, invalid twice, or the server failed
     */
    <T> Answer<T> callForJson(Scope scope, LanguageModel model, Prompt prompt, Function<JsonNode, Optional<T>> reader,
                              OnCutOff onCutOff) throws StepCancelledException, StepFailedException {
        try {
            Completion first = judged(scope, model, prompt, reader);
            Optional<T> value = value(first, reader);
            if (value.isPresent()) {
                return new Answer<>(value.get(), first.usage());
            }
            Completion second;
            if (first.cutOff()) {
                int ceiling = model.contextTokens() - TokenEstimate.of(prompt.system() + prompt.user()) - TEMPLATE_MARGIN;
                int raised = Math.min(ceiling, 2 * prompt.maxOutputTokens());
                if (onCutOff == OnCutOff.FAIL || raised <= prompt.maxOutputTokens()) {
                    throw cutOff(scope, model, prompt.maxOutputTokens());
                }
                log.info("Sleep-time {} of document {}: the answer of {} was cut off at {} tokens; asking again with {}",
                        scope.step().key(), scope.documentId(), model.modelName(), prompt.maxOutputTokens(), raised);
                second = judged(scope, model, prompt.withMaxOutputTokens(raised), reader);
                if (second.cutOff() && value(second, reader).isEmpty()) {
                    throw cutOff(scope, model, raised);
                }
            } else if (ModelJson.candidates(first.text()).isEmpty() && ModelJson.candidates(first.thinking()).isEmpty()) {
                // nothing to repair (a refusal, prose): ask the same again
                log.info("Sleep-time {} of document {}: the answer of {} holds no JSON ({} chars); asking once more",
                        scope.step().key(), scope.documentId(), model.modelName(), first.text().length());
                second = judged(scope, model, prompt, reader);
            } else {
                log.info("Sleep-time {} of document {}: the answer of {} is not the JSON asked for ({} chars); repairing once",
                        scope.step().key(), scope.documentId(), model.modelName(), first.text().length());
                second = judged(scope, model, repairPrompt(prompt, first), reader);
            }
            value = value(second, reader);
            TokenUsage both = new TokenUsage(first.usage().promptTokens() + second.usage().promptTokens(),
                    first.usage().completionTokens() + second.usage().completionTokens());
            if (value.isPresent()) {
                return new Answer<>(value.get(), both);
            }
            log.warn("Sleep-time {} of document {}: still no valid JSON after the second try", scope.step().key(),
                    scope.documentId());
            throw StepFailedException.invalidAnswer("The sleep-time model (" + model.modelName() + ") did not answer in "
                    + "the form Ponder asked for while " + scope.step().activity() + ", even after a second try — Ponder "
                    + "tries again later; a larger sleep-time model may do better (choose one "
                    + Advice.in(Advice.Setting.SLEEP_MODEL) + ").");
        } catch (LlmException e) {
            log.info("Sleep-time {} of document {} failed: {}", scope.step().key(), scope.documentId(), e.getMessage());
            throw new StepFailedException(e.getMessage(), e);
        }
    }

    /** A call recorded OK, INVALID or CUT_OFF by what {@code reader} makes of its answer. */
    private <T> Completion judged(Scope scope, LanguageModel model, Prompt prompt, Function<JsonNode, Optional<T>> reader)
            throws StepCancelledException, LlmException {
        return call(scope, model, prompt, c -> value(c, reader).isPresent() ? SleepCallEntry.Outcome.OK
                : c.cutOff() ? SleepCallEntry.Outcome.CUT_OFF : SleepCallEntry.Outcome.INVALID);
    }

    private static <T> Optional<T> value(Completion c, Function<JsonNode, Optional<T>> reader) {
        return c.cutOff() ? Optional.empty() : ModelJson.read(c.text(), c.thinking(), reader);
    }

    private static StepFailedException cutOff(Scope scope, LanguageModel model, int budget) {
        log.info("Sleep-time {} of document {}: the answer of {} did not fit {} tokens", scope.step().key(),
                scope.documentId(), model.modelName(), budget);
        return StepFailedException.cutOff("The sleep-time model (" + model.modelName() + ") did not finish its answer "
                + "within " + budget + " tokens while " + scope.step().activity() + " — Ponder tries again later; a model "
                + "with a larger context may do better.");
    }

    /** The repair call: the broken answer, the example of the shape wanted and, as a schema, the shape itself. */
    private static Prompt repairPrompt(Prompt original, Completion broken) {
        String text = broken.text().isBlank() ? broken.thinking() : broken.text();
        String excerpt = text.length() <= REPAIR_EXCERPT_CHARS ? text : text.substring(0, REPAIR_EXCERPT_CHARS);
        String shape = original.jsonSchema().map(s -> s.exampleJson()).orElse("{}");
        String user = "Shape:\n" + shape + "\n\n" + SleepPrompts.quote("broken_output", "", excerpt.isBlank() ? "(empty)" : excerpt)
                + "\nWrite the valid JSON now.";
        Prompt repair = new Prompt(SleepPrompts.REPAIR_JSON.text(), user, original.maxOutputTokens());
        return original.schema() == null ? repair.asJson() : repair.withSchema(original.schema());
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
