package dev.ponder.answer;

import dev.ponder.llm.Completion;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.StreamHandle;
import dev.ponder.llm.StreamListener;
import dev.ponder.settings.Settings;
import dev.ponder.sleeptime.TestTimeActivity;
import dev.ponder.llm.Embedder;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import dev.ponder.store.ExchangeRepository;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.store.LibraryRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers questions at test time, in one of three modes (DESIGN.md, flow step 5):
 * <ol>
 *   <li><b>prepared</b>: the question is close enough to one sleep-time anticipated (query
 *       predictability ≥ {@link Settings#preparedThreshold()}) whose prepared answer the document
 *       confirms ({@link AnticipatedQuestion#confirmed()}) — it is served at once, with 0 test-time
 *       tokens and no model call;</li>
 *   <li><b>learned-context</b>: otherwise, when sleep-time has read the documents asked about, the
 *       model streams an answer from their c′ plus a few relevant sections, within budget b
 *       ({@link Settings#answerTokens()});</li>
 *   <li><b>baseline</b>: when none of them has a c′ yet, from the most relevant raw sections that fit.</li>
 * </ol>
 * Every answer is stored with its mode, query predictability, the test-time tokens the server
 * measured, time to first token and total latency, and the pages it cited.
 */
public final class AnswerService {

    /** Sections retrieved before the prompt builder keeps what fits. */
    public static final int CANDIDATE_SECTIONS = 12;

    private static final Logger log = LoggerFactory.getLogger(AnswerService.class);

    private final LibraryRepository library;
    private final ExchangeRepository exchanges;
    private final LearnedContextRepository learned;
    private final Embedder embedder;
    private final Retriever retriever;
    private final ModelServer modelServer;
    private final java.util.function.Supplier<Settings> settings;
    private final ExecutorService executor;
    private final TestTimeActivity testTime;
    private final PromptBuilder prompts = new PromptBuilder();
    private final AnticipatedQuestionMatcher matcher = new FusedQuestionMatcher();
    private final Citations citations;

    /**
     * @param learned  the documents' c′ and anticipated questions
     * @param embedder embeds the question, as sections and anticipated questions were embedded
     * @param retriever ranks the sections for a question (the same embedder's vectors and the library's index)
     * @param executor runs matching, retrieval and prompt building; the answer itself streams on the
     *                 model client's threads. Owned by the caller.
     * @param testTime told when each answer begins and ends, so sleep-time compute cancels its
     *                 request at once and waits (a local Ollama serves one request at a time)
     */
    public AnswerService(LibraryRepository library, ExchangeRepository exchanges, LearnedContextRepository learned,
                         Embedder embedder, Retriever retriever, ModelServer modelServer, Settings settings,
                         ExecutorService executor, TestTimeActivity testTime) {
        this(library, exchanges, learned, embedder, retriever, modelServer, () -> settings, executor, testTime);
    }

    /**
     * As above, reading the budget b and the prepared-answer threshold from {@code settings} at each
     * question, so a change in the Settings dialog applies to the next one.
     */
    public AnswerService(LibraryRepository library, ExchangeRepository exchanges, LearnedContextRepository learned,
                         Embedder embedder, Retriever retriever, ModelServer modelServer,
                         java.util.function.Supplier<Settings> settings, ExecutorService executor,
                         TestTimeActivity testTime) {
        this.library = library;
        this.exchanges = exchanges;
        this.learned = learned;
        this.embedder = embedder;
        this.retriever = retriever;
        this.modelServer = modelServer;
        this.settings = settings;
        this.executor = executor;
        this.citations = new Citations(library);
        this.testTime = testTime;
    }

    /** {@code context}, the c′ of {@code document}, as a learned-context prompt quotes it. */
    static PromptBuilder.LearnedContextText learnedContextText(DocumentEntry document, LearnedContextEntry context) {
        return new PromptBuilder.LearnedContextText(document.id(), document.fileName(), document.pages(),
                context.rendered());
    }

    /** The answers on their way (for {@link #stopAll}). */
    private final java.util.Set<Run> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Starts answering {@code question} about the documents in {@code scope} (empty = every ready
     * document). Returns at once.
     */
    public AnswerHandle ask(String question, List<Long> scope, AnswerListener listener) {
        return ask(AnswerRequest.of(question, scope), listener);
    }

    /** Starts answering {@code request}. Returns at once; {@code listener} follows the answer. */
    public AnswerHandle ask(AnswerRequest request, AnswerListener listener) {
        Run run = new Run(request, listener, testTime.begin());
        running.add(run);
        try {
            executor.execute(run::start);
        } catch (RuntimeException e) {
            running.remove(run);
            run.answering.close();
            throw e;
        }
        return run::stop;
    }

    /**
     * Stops every answer still on its way and stores each as {@link Exchange.Status#STOPPED} with
     * what had streamed, before Ponder closes its library: a question asked just before the window
     * was closed is kept. Returns when they are stored.
     */
    public void stopAll() {
        for (Run run : List.copyOf(running)) {
            run.stopNow();
        }
    }

    /**
     * The reason stored with an answer {@link #stopAll} stopped: the person did not press Stop, so the
     * window says why it ended and offers Retry.
     */
    public static final String CLOSED_BEFORE_IT_FINISHED =
            "Ponder was closed before this answer was finished — press Retry to ask again.";

    /** One question on its way to an answer; finishes exactly once. */
    private final class Run implements StreamListener {
        private final String question;
        private final List<Long> scope;
        private final AnswerRequest request;
        private final AnswerListener listener;
        private final TestTimeActivity.Answering answering;
        private final long startNanos = System.nanoTime();
        private final AnswerSteps steps = new AnswerSteps(startNanos);
        private final Instant askedAt = Instant.now();
        private final AtomicBoolean finished = new AtomicBoolean();
        private final StringBuilder text = new StringBuilder();
        /** The model's own words, source labels unreplaced. */
        private final StringBuilder raw = new StringBuilder();
        private volatile StreamHandle stream;
        private volatile CitationMarkers markers = new CitationMarkers(List.of());
        private volatile List<Source> sources = List.of();
        private volatile String model;
        private volatile Long firstTokenMs;
        private volatile boolean stopped;
        private volatile String mode = Exchange.MODE_BASELINE;
        private volatile Optional<Double> predictability = Optional.empty();

        Run(AnswerRequest request, AnswerListener listener, TestTimeActivity.Answering answering) {
            this.request = request;
            this.question = request.question();
            this.scope = request.scope();
            this.listener = listener;
            this.answering = answering;
        }

        void start() {
            steps.mark("waited for the answer thread");
            try {
                if (stopped) {
                    finish(Exchange.Status.STOPPED, Optional.empty(), 0, 0);
                    return;
                }
                if (question.isBlank()) {
                    fail("Type a question first.");
                    return;
                }
                Map<Long, DocumentEntry> documents = library.all().stream()
                        .collect(Collectors.toMap(DocumentEntry::id, d -> d));
                List<Long> asked = scope.isEmpty() ? List.copyOf(documents.keySet())
                        : scope.stream().filter(documents::containsKey).toList();
                steps.mark("documents");
                QuestionVector embedding = QuestionVector.of(embedder, question);
                steps.mark("question embedded");
                Map<Long, LearnedContextEntry> contexts = new LinkedHashMap<>();
                List<AnticipatedQuestion> anticipated = new ArrayList<>();
                for (long id : asked) {
                    // c′ refreshed while notes are taken is quoted at once; its questions come a call later, and
                    // until then the questions of the c′ before it are served
                    learned.usableLearnedContext(id).ifPresent(c -> {
                        contexts.put(id, c);
                        anticipated.addAll(learned.usableAnticipatedQuestions(id, embedding.model()));
                    });
                }
                steps.mark("learned contexts");
                Optional<PreparedAnswers.Match> match = matcher.nearest(question, embedding, anticipated);
                predictability = match.map(PreparedAnswers.Match::predictability);
                List<Retriever.Scored> ranked = null;
                if (request.usePrepared() && match.isPresent()
                        && match.get().predictability() >= settings.get().preparedThreshold()
                        && PreparedAnswers.nameTheSameThings(question, match.get().question().question())
                        && match.get().question().confirmed()) {
                    // across documents, a prepared answer speaks only for a question about its own document
                    ranked = asked.size() > 1 ? retriever.retrieve(question, embedding, scope, CANDIDATE_SECTIONS) : null;
                    if (QuestionScope.isAbout(match.get().question().documentId(), asked, ranked)) {
                        servePrepared(match.get().question(), documents, asked.size() > 1);
                        return;
                    }
                }
                if (ranked == null) {
                    ranked = retriever.retrieve(question, embedding, scope, CANDIDATE_SECTIONS);
                }
                steps.mark("retrieved");
                if (ranked.isEmpty()) {
                    fail(nothingToReadSentence(documents.values()));
                    return;
                }
                LanguageModel lm = modelServer.chatModel();
                model = lm.modelName();
                steps.mark("model");
                Map<Long, String> names = documents.values().stream()
                        .collect(Collectors.toMap(DocumentEntry::id, DocumentEntry::fileName));
                // c′ of the documents the question is about, judged by its best sections: a document
                // that was not thought about yet gets a baseline answer, not another document's c′
                contexts.keySet().retainAll(QuestionScope.touched(ranked));
                int answerTokens = answerBudget(settings.get().answerTokens(), lm.contextTokens());
                PromptBuilder.Built built = prompts.build(question, ranked, names, lm.contextTokens(), answerTokens);
                if (!contexts.isEmpty()) {
                    // c′ is read instead of the raw context only where that is cheaper
                    Optional<PromptBuilder.Built> learnedContext = prompts.buildWithLearnedContext(question,
                            inDocumentOrder(contexts, documents), ranked, names, lm.contextTokens(), answerTokens,
                            request.alwaysLearnedContext() ? Integer.MAX_VALUE : built.estimatedTokens());
                    mode = learnedContext.isPresent() ? Exchange.MODE_LEARNED_CONTEXT : Exchange.MODE_RAW_CONTEXT;
                    built = learnedContext.orElse(built);
                }
                if (built.sources().isEmpty()) {
                    fail("The model's context window (" + lm.contextTokens()
                            + " tokens) is too small to hold any part of the documents.");
                    return;
                }
                sources = built.sources();
                // a label is shown when its bracket closes, narrowed to the sentence it ends as the pages
                // cited at the end are (what a terminal prints cannot be taken back)
                markers = new CitationMarkers(sources, this::pagesSoFar);
                steps.mark("prompt");
                stream = lm.stream(built.prompt(), this);
                steps.mark("sent");
                if (stopped) {
                    stream.cancel();
                    finish(Exchange.Status.STOPPED, Optional.empty(), 0, 0);
                }
            } catch (LlmException e) {
                log.info("Question not answered: {}", e.getMessage(), e);
                fail(e.getMessage());
            } catch (RuntimeException e) {
                log.error("Answering failed", e);
                fail("Ponder could not answer: " + e.getMessage());
            }
        }

        /**
         * The answer budget b, tokens: the setting, but at most a third of a small model's context
         * ({@code contextTokens}), so the system prompt, the question and a passage still fit beside it
         * (a 1,024-token model keeps 683 tokens for its prompt rather than 512). At least 128.
         */
        static int answerBudget(int setting, int contextTokens) {
            return Math.min(setting, Math.max(128, contextTokens / 3));
        }

        /**
         * Why no section could be found: the documents are still being read (true while an import
         * runs), or there is none to read yet.
         */
        private static String nothingToReadSentence(Collection<DocumentEntry> documents) {
            boolean reading = documents.stream().anyMatch(d -> d.status() == DocumentStatus.IMPORTING
                    || d.status() == DocumentStatus.QUEUED);
            return reading ? "Ponder is still reading your documents — ask again once one says Ready."
                    : "There are no readable documents to ask about yet — add a PDF first ("
                            + dev.ponder.settings.Advice.ADD_DOCUMENT + ").";
        }

        /** The prepared answer, at once: no model call, 0 test-time tokens. */
        private void servePrepared(AnticipatedQuestion prepared, Map<Long, DocumentEntry> documents,
                                   boolean nameDocument) {
            mode = Exchange.MODE_PREPARED;
            String fileName = documents.get(prepared.documentId()).fileName();
            List<Citation> cited = prepared.pages().stream()
                    .map(p -> new Citation(prepared.documentId(), fileName, p)).toList();
            String shown = prepared.answer().strip();
            if (!prepared.pages().isEmpty()) {
                shown += " [" + (nameDocument ? fileName + " " : "") + CitationMarkers.pageText(prepared.pages()) + "]";
            }
            synchronized (text) {
                text.append(shown);
            }
            firstTokenMs = elapsedMs();
            listener.onText(shown);
            finish(Exchange.Status.ANSWERED, Optional.empty(), 0, 0, cited, Optional.of(prepared.id()));
        }

        /**
         * Stops it because Ponder closes, at once, whether or not the model's stream has begun; stored as
         * STOPPED with {@link #CLOSED_BEFORE_IT_FINISHED}.
         */
        void stopNow() {
            stop(true, Optional.of(CLOSED_BEFORE_IT_FINISHED));
        }

        void stop() {
            stop(false, Optional.empty());
        }

        /**
         * Closes the model's stream; stores what had arrived, with {@code why} (empty: the person stopped
         * it), when it had begun, or always when {@code evenBeforeTheStream}.
         */
        private void stop(boolean evenBeforeTheStream, Optional<String> why) {
            stopped = true;
            StreamHandle s = stream;
            if (s != null) {
                s.cancel();
            }
            if (s != null || evenBeforeTheStream) {
                finish(Exchange.Status.STOPPED, why, 0, 0);
            }
        }

        @Override
        public void onToken(String token) {
            if (finished.get()) {
                return;
            }
            if (firstTokenMs == null) {
                firstTokenMs = elapsedMs();
                steps.mark("first token");
            }
            String shown;
            synchronized (text) {
                raw.append(token);
                shown = markers.accept(token);
                text.append(shown);
            }
            if (!shown.isEmpty()) {
                listener.onText(shown);
            }
        }

        @Override
        public void onComplete(Completion completion) {
            flush();
            finish(Exchange.Status.ANSWERED, Optional.empty(), completion.usage().promptTokens(),
                    completion.usage().completionTokens());
        }

        @Override
        public void onError(LlmException error) {
            log.info("Answer stream failed: {}", error.getMessage(), error);
            flush();
            fail(error.getMessage());
        }

        private void flush() {
            String rest;
            synchronized (text) {
                rest = markers.flush();
                text.append(rest);
            }
            if (!rest.isEmpty() && !finished.get()) {
                listener.onText(rest);
            }
        }

        private void fail(String sentence) {
            finish(Exchange.Status.FAILED, Optional.of(sentence), 0, 0);
        }

        private void finish(Exchange.Status status, Optional<String> error, int promptTokens, int completionTokens) {
            finish(status, error, promptTokens, completionTokens, null, Optional.empty());
        }

        /**
         * @param preparedCitations the citations of a prepared answer; null for a model's answer,
         *                          whose citations come from its source labels
         */
        private void finish(Exchange.Status status, Optional<String> error, int promptTokens, int completionTokens,
                            List<Citation> preparedCitations, Optional<Long> anticipatedQuestionId) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            running.remove(this);
            answering.close();
            String answer;
            List<Citation> citations;
            String rawText;
            synchronized (text) {
                answer = text.toString();
                rawText = raw.toString();
            }
            if (preparedCitations != null) {
                citations = preparedCitations;
            } else if (!sources.isEmpty()) {
                // the whole answer is known now: each sentence cites the pages its words came from
                Citations.Cited cited = Run.this.cite(rawText);
                answer = cited.answer();
                citations = cited.citations();
            } else {
                citations = List.of();
            }
            Exchange exchange = new Exchange(0, question, answer, mode, status, error,
                    Optional.ofNullable(model), promptTokens, completionTokens, Optional.ofNullable(firstTokenMs),
                    elapsedMs(), scope, citations, askedAt, request.conversationId(), predictability,
                    anticipatedQuestionId);
            try {
                exchange = exchanges.save(exchange);
            } catch (RuntimeException e) {
                log.error("Could not store the exchange", e);
                listener.onNotSaved(e instanceof dev.ponder.store.StoreException ? e.getMessage()
                        : "Ponder could not save the answer.");
            }
            log.info("Answer {} ({}, {}): first token after {} ms; steps in ms: {}", exchange.id(), mode, status,
                    firstTokenMs, steps);
            listener.onSteps(steps.steps());
            listener.onFinished(exchange);
        }

        /** {@code source}'s pages as the answer so far cites them; its whole span if they cannot be worked out. */
        private List<Integer> pagesSoFar(Source source) {
            try {
                List<Integer> pages = citations.pagesOfLabels(raw.toString(), sources).get(source.label());
                return pages == null || pages.isEmpty() ? CitationMarkers.span(source) : pages;
            } catch (RuntimeException e) {
                log.warn("Could not narrow the pages of {} while the answer streams: {}", source.label(), e.toString());
                return CitationMarkers.span(source);
            }
        }

        private Citations.Cited cite(String rawText) {
            try {
                return citations.of(rawText, sources);
            } catch (RuntimeException e) {
                log.error("Could not work out the pages an answer cites", e);
                return new Citations.Cited(new CitationMarkers(sources).renderAll(rawText), List.of());
            }
        }

        /**
         * The c′ of the documents asked about by document id, never by relevance: questions about the
         * same documents then share the prompt up to their sections, which the server's prompt cache
         * (and {@link PromptWarmUp}) computes once.
         */
        private static List<PromptBuilder.LearnedContextText> inDocumentOrder(Map<Long, LearnedContextEntry> contexts,
                Map<Long, DocumentEntry> documents) {
            return contexts.keySet().stream().sorted().map(id -> learnedContextText(documents.get(id), contexts.get(id)))
                    .toList();
        }

        private long elapsedMs() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }
}
