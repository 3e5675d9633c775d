package dev.ponder.answer;

import dev.ponder.llm.CancelSignal;
import dev.ponder.llm.Completion;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.Prompt;
import dev.ponder.llm.PromptTrackingModelServer;
import dev.ponder.llm.TokenUsage;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.IdleWork;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SleepCallEntry;
import dev.ponder.store.SleepTimeRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prompt-prefix cache as sleep-time compute (issue #14): once sleep-time has finished and the
 * person is still away, sends the model the beginning of the next learned-context answer's prompt
 * — the system text and the c′ of the documents the person is looking at ({@link PromptBuilder#learnedContextPrefix})
 * — with a one-token answer budget ({@code num_predict: 1} to Ollama, which ignores 0;
 * {@code max_tokens: 1} to an OpenAI-compatible server). The server keeps that prefix in its prompt
 * cache, so the next question pays prefill only for its sections and itself.
 *
 * <p>Which documents: the one selected in the library, else those of the last question (its
 * documents when it named them, else the documents it cited). Sent once per (model, prefix): not
 * while the last prompt the server answered whole still begins with it ({@link PromptTrackingModelServer}),
 * and never again after it failed, until the c′, the documents or the model change. A failure is
 * only logged: the warm-up is an optimisation, and answering does not depend on it.
 *
 * <p>Its tokens are sleep-time tokens: each call is recorded in {@code sleep_calls} as step
 * {@value #STEP} of the first document, so Insights and {@code bench perf} count it. It runs as
 * {@link IdleWork}, after the baseline measurements (register it after them: their calls would
 * push the prefix out of the cache), and is cancelled like them when the person comes back or asks.
 */
public final class PromptWarmUp implements IdleWork {

    /** The step name of its calls in {@code sleep_calls}. */
    public static final String STEP = "prompt-warm-up";
    /** How long a target worked out from the library stays good before it is read again, in ms. */
    public static final long TARGET_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(PromptWarmUp.class);

    private final LibraryRepository library;
    private final LearnedContextRepository learned;
    private final ExchangeRepository exchanges;
    private final SleepTimeRepository calls;
    private final ModelServer models;
    private final PromptTrackingModelServer answered;
    private final Supplier<Settings> settings;
    private final LongSupplier selected;
    private final PromptBuilder prompts = new PromptBuilder();
    /** Targets whose warm-up failed: not sent again until what they are made of changes. */
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private volatile Target cached;
    private volatile long cachedAtNanos;

    /**
     * What to warm: the prefix for a model, and what it was made of.
     *
     * @param key      model, {@code num_ctx}, budget b and the ids of the c′ it quotes
     * @param document the document its calls are recorded under
     */
    record Target(String key, long document, LanguageModel model, Prompt prefix) {
    }

    /**
     * @param models   the model server the warm-up calls
     * @param answered the same server, seen by every call (answers, sleep-time, baselines): which
     *                 prompt it answered last
     * @param selected the document selected in the library, {@code -1} for none
     */
    public PromptWarmUp(LibraryRepository library, LearnedContextRepository learned, ExchangeRepository exchanges,
                        SleepTimeRepository calls, ModelServer models, PromptTrackingModelServer answered,
                        Supplier<Settings> settings, LongSupplier selected) {
        this.library = library;
        this.learned = learned;
        this.exchanges = exchanges;
        this.calls = calls;
        this.models = models;
        this.answered = answered;
        this.settings = settings;
        this.selected = selected;
    }

    @Override
    public boolean due() {
        Optional<Target> target = target();
        return target.isPresent() && !failed.contains(target.get().key())
                && !answered.lastAnsweredStartsWith(target.get().model().modelName(), target.get().prefix());
    }

    @Override
    public void runOne(CancelSignal cancel) {
        Optional<Target> next = target();
        if (next.isEmpty() || cancel.cancelled()) {
            return;
        }
        Target target = next.get();
        long start = System.nanoTime();
        try {
            Completion c = target.model().streamAndWait(target.prefix(), cancel);
            record(target, SleepCallEntry.Outcome.OK, c.usage(), start);
            log.info("Prompt prefix of document {} sent to {}: {} prompt tokens in {} ms", target.document(),
                    target.model().modelName(), c.usage().promptTokens(), (System.nanoTime() - start) / 1_000_000);
        } catch (CancellationException e) {
            record(target, SleepCallEntry.Outcome.CANCELLED, TokenUsage.NONE, start);
        } catch (LlmException | RuntimeException e) {
            failed.add(target.key());
            record(target, SleepCallEntry.Outcome.FAILED, TokenUsage.NONE, start);
            log.info("The prompt prefix of document {} could not be sent to {} (answers do not need it; not tried "
                    + "again until its learned context changes): {}", target.document(), target.model().modelName(),
                    e.getMessage());
        }
    }

    /** What to warm now, if anything; read from the library at most every {@link #TARGET_MILLIS}. */
    Optional<Target> target() {
        long now = System.nanoTime();
        Target t = cached;
        if (t != null && now - cachedAtNanos < TARGET_MILLIS * 1_000_000) {
            return Optional.of(t);
        }
        Optional<Target> fresh = readTarget();
        cached = fresh.orElse(null);
        cachedAtNanos = now;
        return fresh;
    }

    private Optional<Target> readTarget() {
        List<PromptBuilder.LearnedContextText> contexts = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        for (long id : documents()) {
            Optional<DocumentEntry> doc = library.find(id);
            doc.flatMap(d -> learned.usableLearnedContext(d.id())).ifPresent(c -> {
                contexts.add(AnswerService.learnedContextText(doc.get(), c));
                key.append(c.id()).append(',');
            });
        }
        if (contexts.isEmpty()) {
            return Optional.empty();
        }
        LanguageModel model;
        try {
            model = models.chatModel();
        } catch (LlmException e) {
            return Optional.empty();
        }
        int answerTokens = settings.get().answerTokens();
        return prompts.learnedContextPrefix(contexts, model.contextTokens(), answerTokens)
                .map(p -> new Target(model.modelName() + "@" + model.contextTokens() + "/" + answerTokens + "/" + key,
                        contexts.get(0).documentId(), model, p));
    }

    /** The documents to warm, by id as answers order them: the selected one, else the last question's. */
    private List<Long> documents() {
        long id = selected.getAsLong();
        if (id >= 0) {
            return List.of(id);
        }
        List<Exchange> last = exchanges.recent(1);
        if (last.isEmpty()) {
            return List.of();
        }
        Exchange e = last.get(0);
        List<Long> ids = e.scope().isEmpty() ? e.citations().stream().map(Citation::documentId).toList() : e.scope();
        return ids.stream().distinct().sorted().toList();
    }

    private void record(Target target, SleepCallEntry.Outcome outcome, TokenUsage usage, long start) {
        try {
            calls.recordCall(new SleepCallEntry(target.document(), STEP, target.model().modelName(), outcome,
                    usage.promptTokens(), usage.completionTokens(), (System.nanoTime() - start) / 1_000_000));
        } catch (RuntimeException e) {
            log.warn("Could not record the prompt warm-up of document {}", target.document(), e);
        }
    }
}
