package dev.ponder.answer;

import dev.ponder.llm.CancelSignal;
import dev.ponder.llm.Completion;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.IdleWork;
import dev.ponder.store.BaselineTarget;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SavingsRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures baseline costs while the person is away (DESIGN.md, flow step 6): each anticipated
 * question, as soon as it is prepared, and afterwards each question the user asked that was not
 * answered the baseline way, is answered the baseline way — the most relevant raw sections that fit,
 * no c′, the test-time model and budget — and the tokens the server counted are stored. Savings are
 * then measured baseline tokens minus the tokens the real answer cost; nothing is estimated.
 * The answers themselves are thrown away.
 */
public final class BaselineCosts implements IdleWork {

    /** How long to wait before trying again after the model server failed. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(BaselineCosts.class);

    private final SavingsRepository savings;
    private final Savings accounting;
    private final LibraryRepository library;
    private final Retriever retriever;
    private final ModelServer models;
    private final Settings settings;
    private final LongSupplier nanoClock;
    private final PromptBuilder prompts = new PromptBuilder();
    /** Targets that cannot be measured (their documents have no sections left); not offered again this run. */
    private final Set<BaselineTarget> skipped = ConcurrentHashMap.newKeySet();
    /** No measurement before this {@code nanoClock} reading (after a failure of the model server). */
    private volatile long pausedUntilNanos;

    /** @param accounting told when a baseline cost was stored, so the figures shown can be read again */
    public BaselineCosts(SavingsRepository savings, Savings accounting, LibraryRepository library, Retriever retriever,
                         ModelServer models, Settings settings) {
        this(savings, accounting, library, retriever, models, settings, System::nanoTime);
    }

    BaselineCosts(SavingsRepository savings, Savings accounting, LibraryRepository library, Retriever retriever,
                  ModelServer models, Settings settings, LongSupplier nanoClock) {
        this.savings = savings;
        this.accounting = accounting;
        this.library = library;
        this.retriever = retriever;
        this.models = models;
        this.settings = settings;
        this.nanoClock = nanoClock;
        this.pausedUntilNanos = nanoClock.getAsLong();
    }

    @Override
    public boolean due() {
        return nanoClock.getAsLong() - pausedUntilNanos >= 0 && savings.nextToMeasure(skipped).isPresent();
    }

    @Override
    public void runOne(CancelSignal cancel) {
        Optional<BaselineTarget> next = savings.nextToMeasure(skipped);
        if (next.isEmpty() || cancel.cancelled()) {
            return;
        }
        BaselineTarget target = next.get();
        try {
            measure(target, cancel);
        } catch (CancellationException e) {
            log.debug("Baseline measurement of {} {} cancelled; it is redone at the next idle time", target.kind(),
                    target.id());
        } catch (LlmException e) {
            log.info("Baseline measurement waits {} s: {}", RETRY_AFTER_FAILURE.toSeconds(), e.getMessage());
            pausedUntilNanos = nanoClock.getAsLong() + RETRY_AFTER_FAILURE.toNanos();
        }
    }

    /** Answers {@code target} the baseline way and stores the measured tokens. */
    void measure(BaselineTarget target, CancelSignal cancel) throws LlmException {
        List<Retriever.Scored> ranked = retriever.retrieve(target.question(), target.scope(),
                AnswerService.CANDIDATE_SECTIONS);
        if (ranked.isEmpty()) {
            log.info("The baseline cost of {} {} cannot be measured: its documents have no text any more",
                    target.kind(), target.id());
            skipped.add(target);
            return;
        }
        LanguageModel model = models.chatModel();
        Map<Long, String> names = library.all().stream()
                .collect(Collectors.toMap(DocumentEntry::id, DocumentEntry::fileName));
        PromptBuilder.Built built = prompts.build(target.question(), ranked, names, model.contextTokens(),
                settings.answerTokens());
        long start = nanoClock.getAsLong();
        Completion completion = model.streamAndWait(built.prompt(), cancel);
        long ms = (nanoClock.getAsLong() - start) / 1_000_000;
        savings.saveBaseline(target, model.modelName(), completion.usage().promptTokens(),
                completion.usage().completionTokens(), ms);
        accounting.baselineMeasured();
        log.info("Baseline cost of {} {} measured: {} + {} tokens with {}", target.kind(), target.id(),
                completion.usage().promptTokens(), completion.usage().completionTokens(), model.modelName());
    }
}
