package dev.ponder.ui;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.answer.AnswerListener;
import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat pane: the conversation, the question being typed, and one {@link ChatState} that
 * decides what the pane shows. One answer streams at a time.
 */
public final class ChatViewModel {

    /** What the chat pane shows. */
    public enum ChatState {
        /** The library is still being read at start: nothing to show yet. */
        LOADING,
        /** The library is empty: a friendly "drop PDFs here" instead of the conversation. */
        NO_DOCUMENTS,
        /** The conversation, ready for a question. */
        READY,
        /** An answer is streaming; Ask has become Stop. */
        ANSWERING
    }

    /** Exchanges shown from earlier sessions. */
    public static final int HISTORY_LIMIT = 200;

    private static final Logger log = LoggerFactory.getLogger(ChatViewModel.class);

    private final UiExecutor ui;
    private final Answering answering;
    private final ChatHistory history;
    private final Supplier<List<Long>> scope;
    private final LongFunction<String> documentName;
    private final ObservableBooleanValue hasDocuments;
    private final ObservableBooleanValue libraryLoaded;
    private final Runnable onAnswerFailed;
    private final Consumer<Citation> onCitation;
    private final StringProperty question = new SimpleStringProperty(this, "question", "");
    private final ReadOnlyObjectWrapper<ChatState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(this, "streaming");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObservableList<ExchangeItem> exchanges = FXCollections.observableArrayList();
    private final ObservableList<ExchangeItem> exchangesView = FXCollections.unmodifiableObservableList(exchanges);
    private final BooleanBinding canAsk;
    private Running current;

    /**
     * @param scope          ids of the documents the next question is about (empty = all)
     * @param documentName   a document's file name by id, null when unknown (for answer footers)
     * @param libraryLoaded  whether the library was read at start
     * @param hasDocuments   whether the library holds any document
     * @param onAnswerFailed called on the UI thread after an answer failed (re-checks the server)
     * @param onCitation     called when the user clicks a citation chip
     */
    public ChatViewModel(UiExecutor ui, Answering answering, ChatHistory history, Supplier<List<Long>> scope,
                         LongFunction<String> documentName, ObservableBooleanValue libraryLoaded, ObservableBooleanValue hasDocuments, Runnable onAnswerFailed, Consumer<Citation> onCitation) {
        this.ui = ui;
        this.answering = answering;
        this.history = history;
        this.scope = scope;
        this.documentName = documentName;
        this.hasDocuments = hasDocuments;
        this.libraryLoaded = libraryLoaded;
        this.onAnswerFailed = onAnswerFailed;
        this.onCitation = onCitation;
        streaming.addListener((o, a, b) -> updateState());
        hasDocuments.addListener((o, a, b) -> updateState());
        libraryLoaded.addListener((o, a, b) -> updateState());
        updateState();
        canAsk = Bindings.createBooleanBinding(
                () -> state.get() == ChatState.READY && !question.get().isBlank(), state, question);
    }

    private void updateState() {
        state.set(streaming.get() ? ChatState.ANSWERING
                : hasDocuments.get() ? ChatState.READY
                : libraryLoaded.get() ? ChatState.NO_DOCUMENTS : ChatState.LOADING);
    }

    /** Shows the latest exchanges of earlier sessions above anything asked since. */
    public void loadHistory() {
        ui.run(() -> history.recent(HISTORY_LIMIT),
                stored -> exchanges.addAll(0, stored.stream().map(e -> ExchangeItem.of(e, nameOf(e.scope()))).toList()),
                e -> {
                    log.warn("Could not load the chat history", e);
                    notice.set("Ponder could not load your earlier questions.");
                });
    }

    /** Asks the typed question about the current scope; does nothing while an answer streams. */
    public void ask() {
        String q = question.get() == null ? "" : question.get().strip();
        if (q.isEmpty() || state.get() != ChatState.READY) {
            return;
        }
        question.set("");
        start(q, scope.get());
    }

    /**
     * Asks an anticipated question the user clicked in the insights panel, about the current scope,
     * as if typed (the typed question stays); does nothing while an answer streams.
     */
    public void askAnticipated(String anticipatedQuestion) {
        String q = anticipatedQuestion == null ? "" : anticipatedQuestion.strip();
        if (q.isEmpty() || state.get() != ChatState.READY) {
            return;
        }
        start(q, scope.get());
    }

    /** Asks a failed question again, about the same documents, as a new exchange. */
    public void retry(ExchangeItem failed) {
        if (streaming.get() || failed.phase() != ExchangeItem.Phase.FAILED) {
            return;
        }
        start(failed.question(), failed.scope());
    }

    /** Stops the answer that is streaming; it stays in the chat marked "stopped". */
    public void stop() {
        Running run = current;
        if (run == null) {
            return;
        }
        AnswerHandle handle = run.handle;
        if (handle != null) {
            // stopping stores the partial answer: not on the UI thread
            ui.run(handle::stop, e -> log.warn("Stopping the answer failed", e));
        } else {
            run.stopRequested = true;
        }
    }

    /** The user clicked a citation chip. */
    public void openCitation(Citation citation) {
        onCitation.accept(citation);
    }

    private String nameOf(List<Long> documents) {
        return documents.size() == 1 ? documentName.apply(documents.get(0)) : null;
    }

    private void start(String q, List<Long> documents) {
        notice.set("");
        ExchangeItem item = new ExchangeItem(q, documents, nameOf(documents));
        exchanges.add(item);
        Running run = new Running(item);
        current = run;
        streaming.set(true);
        try {
            run.handle = answering.ask(q, documents, run);
            if (run.stopRequested) {
                stop();
            }
        } catch (RuntimeException e) {
            log.error("Asking failed", e);
            run.finishWithoutExchange("Ponder could not ask the question — see the log for details.");
        }
    }

    /**
     * One answer on its way. Text chunks arrive on a background thread many times a second; they
     * are gathered and handed to the UI thread at most one hand-off at a time, so a fast model does
     * not flood the UI thread with one task per token.
     */
    private final class Running implements AnswerListener {
        private final ExchangeItem item;
        private final StringBuilder pending = new StringBuilder();
        private boolean flushScheduled;
        private volatile AnswerHandle handle;
        private volatile boolean stopRequested;

        Running(ExchangeItem item) {
            this.item = item;
        }

        @Override
        public void onText(String text) {
            synchronized (pending) {
                pending.append(text);
                if (flushScheduled) {
                    return;
                }
                flushScheduled = true;
            }
            ui.onUi(this::flush);
        }

        private void flush() {
            String text;
            synchronized (pending) {
                text = pending.toString();
                pending.setLength(0);
                flushScheduled = false;
            }
            if (!text.isEmpty() && item.phase() == ExchangeItem.Phase.STREAMING) {
                item.append(text);
            }
        }

        @Override
        public void onFinished(Exchange exchange) {
            ui.onUi(() -> {
                flush();
                item.finish(exchange);
                ended();
                if (exchange.status() == Exchange.Status.FAILED) {
                    onAnswerFailed.run();
                }
            });
        }

        void finishWithoutExchange(String sentence) {
            item.fail(sentence);
            ended();
        }

        private void ended() {
            if (current == this) {
                current = null;
                streaming.set(false);
            }
        }
    }

    /** The question being typed (bound to the question field). */
    public StringProperty questionProperty() {
        return question;
    }

    public ReadOnlyObjectProperty<ChatState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ChatState state() {
        return state.get();
    }

    /** True when Ask would send the typed question. */
    public BooleanBinding canAskProperty() {
        return canAsk;
    }

    /** Questions and answers, oldest first. */
    public ObservableList<ExchangeItem> exchanges() {
        return exchangesView;
    }

    /** A sentence about the chat itself (e.g. history could not be loaded), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
