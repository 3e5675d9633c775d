package dev.ponder.ui;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.store.Citation;
import dev.ponder.store.Conversation;
import dev.ponder.store.Exchange;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
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
 * The chat pane: the conversation shown (new, or one reopened from the store), the list of earlier
 * conversations, the question being typed, and one {@link ChatState} that decides what the pane
 * shows. One answer streams at a time; while it does, the conversation cannot be switched.
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

    private static final Logger log = LoggerFactory.getLogger(ChatViewModel.class);

    private final UiExecutor ui;
    private final Answering answering;
    private final ChatHistory history;
    private final Supplier<List<Long>> scope;
    private final LongFunction<String> documentName;
    private final ObservableBooleanValue hasDocuments;
    private final ObservableBooleanValue libraryLoaded;
    private final Consumer<Exchange> onAnswerEnded;
    private final BiConsumer<Citation, String> onCitation;
    private final StringProperty question = new SimpleStringProperty(this, "question", "");
    private final ReadOnlyObjectWrapper<ChatState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyBooleanWrapper streaming = new ReadOnlyBooleanWrapper(this, "streaming");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObservableList<ExchangeItem> exchanges = FXCollections.observableArrayList();
    private final ObservableList<ExchangeItem> exchangesView = FXCollections.unmodifiableObservableList(exchanges);
    private final ObservableList<Conversation> conversations = FXCollections.observableArrayList();
    private final ObservableList<Conversation> conversationsView = FXCollections.unmodifiableObservableList(conversations);
    private final ReadOnlyLongWrapper conversationId = new ReadOnlyLongWrapper(this, "conversationId", 0);
    private final BooleanBinding canAsk;
    private final BooleanBinding canExport;
    private Consumer<String> browser = url -> log.info("No browser to open {}", url);
    private Running current;
    /** Counts conversation switches, so a slow load never fills a conversation the user has left. */
    private int shown;

    /**
     * @param scope          ids of the documents the next question is about (empty = all)
     * @param documentName   a document's file name by id, null when unknown (for answer footers)
     * @param libraryLoaded  whether the library was read at start
     * @param hasDocuments   whether the library holds any document
     * @param onAnswerEnded  called on the UI thread with every finished answer, so the model
     *                       server's status follows what answering just showed (a failure re-checks
     *                       it; a model's answer clears a problem that has gone)
     * @param onCitation     called when the user clicks a citation chip, with the text of the
     *                       answer that cites it
     */
    public ChatViewModel(UiExecutor ui, Answering answering, ChatHistory history, Supplier<List<Long>> scope,
                         LongFunction<String> documentName, ObservableBooleanValue libraryLoaded, ObservableBooleanValue hasDocuments, Consumer<Exchange> onAnswerEnded, BiConsumer<Citation, String> onCitation) {
        this.ui = ui;
        this.answering = answering;
        this.history = history;
        this.scope = scope;
        this.documentName = documentName;
        this.hasDocuments = hasDocuments;
        this.libraryLoaded = libraryLoaded;
        this.onAnswerEnded = onAnswerEnded;
        this.onCitation = onCitation;
        streaming.addListener((o, a, b) -> updateState());
        hasDocuments.addListener((o, a, b) -> updateState());
        libraryLoaded.addListener((o, a, b) -> updateState());
        updateState();
        canAsk = Bindings.createBooleanBinding(
                () -> state.get() == ChatState.READY && !question.get().isBlank(), state, question);
        canExport = Bindings.createBooleanBinding(
                () -> conversationId.get() != 0 && !streaming.get(), conversationId, streaming);
    }

    private void updateState() {
        state.set(streaming.get() ? ChatState.ANSWERING
                : hasDocuments.get() ? ChatState.READY
                : libraryLoaded.get() ? ChatState.NO_DOCUMENTS : ChatState.LOADING);
    }

    /**
     * Lists the conversations and shows the most recently asked one, unless a question was asked
     * meanwhile (that one stays).
     */
    public void loadHistory() {
        ui.run(history::conversations, list -> {
            conversations.setAll(list);
            if (!list.isEmpty() && conversationId.get() == 0 && exchanges.isEmpty() && !streaming.get()) {
                openConversation(list.get(0).id());
            }
        }, e -> {
            log.warn("Could not load the conversations", e);
            notice.set("Ponder could not load your earlier conversations.");
        });
    }

    /** Starts a new, empty conversation (Ctrl+N); the next question begins it. Not while answering. */
    public void newConversation() {
        if (streaming.get()) {
            return;
        }
        shown++;
        notice.set("");
        conversationId.set(0);
        exchanges.clear();
    }

    /** Shows a stored conversation, its exchanges loaded off the UI thread. Not while answering. */
    public void openConversation(long id) {
        if (streaming.get() || id == conversationId.get() || id == 0) {
            return;
        }
        int token = ++shown;
        notice.set("");
        conversationId.set(id);
        exchanges.clear();
        ui.run(() -> history.conversation(id), stored -> {
            if (token == shown) {
                exchanges.addAll(0, stored.stream().map(e -> ExchangeItem.of(e, nameOf(e.scope()))).toList());
            }
        }, e -> {
            log.warn("Could not open conversation {}", id, e);
            notice.set("Ponder could not open that conversation.");
        });
    }

    /**
     * Deletes a conversation and its exchanges (the view asks the user first). When it is the one
     * shown, the chat becomes a new, empty conversation. Not while answering.
     */
    public void deleteConversation(long id) {
        if (streaming.get()) {
            return;
        }
        if (id == conversationId.get()) {
            newConversation();
        }
        ui.run(() -> {
            history.deleteConversation(id);
            return history.conversations();
        }, conversations::setAll, e -> {
            log.warn("Could not delete conversation {}", id, e);
            notice.set("Ponder could not delete the conversation; it is still there.");
        });
    }

    private void refreshConversations() {
        ui.run(history::conversations, conversations::setAll,
                e -> log.warn("Could not reload the conversations", e));
    }

    /**
     * Writes the conversation shown to {@code file} as Markdown (see {@link ConversationExport}),
     * reading it from the store off the UI thread. {@code onDone} runs on the UI thread after the
     * file was written; a failure shows a notice.
     */
    public void exportConversation(Path file, Runnable onDone) {
        long id = conversationId.get();
        if (id == 0) {
            return;
        }
        String title = conversations.stream().filter(c -> c.id() == id).map(Conversation::title).findFirst().orElse("");
        ui.run(() -> {
            ConversationExport.write(file, title, history.conversation(id), java.time.ZoneId.systemDefault());
            return file;
        }, written -> onDone.run(), e -> {
            log.warn("Could not export conversation {} to {}", id, file, e);
            notice.set("Ponder could not write " + file.getFileName() + ": " + e.getMessage());
        });
    }

    /** Asks the typed question about the current scope; does nothing while an answer streams. */
    public void ask() {
        String q = question.get() == null ? "" : question.get().strip();
        if (q.isEmpty() || state.get() != ChatState.READY) {
            return;
        }
        question.set("");
        start(q, scope.get(), true);
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
        start(q, scope.get(), true);
    }

    /** Asks a failed question again, about the same documents, as a new exchange. */
    public void retry(ExchangeItem failed) {
        if (streaming.get() || failed.phase() != ExchangeItem.Phase.FAILED) {
            return;
        }
        start(failed.question(), failed.scope(), failed.usePrepared());
    }

    /**
     * "Ask the model": asks a question that was served a prepared answer again, about the same
     * documents and in the same conversation, with no prepared answer allowed.
     */
    public void askModel(ExchangeItem prepared) {
        if (state.get() != ChatState.READY || prepared.mode() != ExchangeItem.AnswerMode.PREPARED) {
            return;
        }
        start(prepared.question(), prepared.scope(), false);
    }

    /**
     * The user clicked a link in an answer: an http, https or mailto link opens in the system
     * browser; anything else is ignored (answers are untrusted text, see {@link Links}).
     */
    public void openLink(String destination) {
        if (Links.safe(destination).isPresent()) {
            browser.accept(destination);
        } else {
            log.info("Not opening a link that is not http, https or mailto: {}", destination);
        }
    }

    /** Where clicked links open ({@code HostServices::showDocument} in the application). */
    public void setBrowser(Consumer<String> browser) {
        this.browser = java.util.Objects.requireNonNull(browser, "browser");
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

    /** The user clicked a citation chip under {@code answer} (the answer's text). */
    public void openCitation(Citation citation, String answer) {
        onCitation.accept(citation, answer);
    }

    private String nameOf(List<Long> documents) {
        return documents.size() == 1 ? documentName.apply(documents.get(0)) : null;
    }

    private void start(String q, List<Long> documents, boolean usePrepared) {
        notice.set("");
        ExchangeItem item = new ExchangeItem(q, documents, nameOf(documents), usePrepared);
        exchanges.add(item);
        Running run = new Running(item);
        current = run;
        streaming.set(true);
        try {
            run.handle = answering.ask(new AnswerRequest(q, documents, conversationId.get(), usePrepared), run);
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

        private volatile String notSaved;

        @Override
        public void onNotSaved(String sentence) {
            notSaved = sentence;
        }

        @Override
        public void onFinished(Exchange exchange) {
            String unsaved = notSaved;
            ui.onUi(() -> {
                flush();
                item.finish(exchange);
                if (unsaved != null) {
                    item.notSaved(unsaved);
                }
                if (conversationId.get() == 0 && exchange.conversationId() != 0 && current == this) {
                    conversationId.set(exchange.conversationId()); // the first question began a conversation
                }
                ended();
                refreshConversations();
                onAnswerEnded.accept(exchange);
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

    /** Earlier conversations, the most recently asked in first. */
    public ObservableList<Conversation> conversations() {
        return conversationsView;
    }

    /** The conversation shown; 0 for a new one that has no question yet. */
    public ReadOnlyLongProperty conversationIdProperty() {
        return conversationId.getReadOnlyProperty();
    }

    public long conversationId() {
        return conversationId.get();
    }

    /** True when the conversation shown can be exported (it has been stored, no answer streams). */
    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** True while an answer streams (the conversation cannot be switched meanwhile). */
    public javafx.beans.property.ReadOnlyBooleanProperty streamingProperty() {
        return streaming.getReadOnlyProperty();
    }

    /** A sentence about the chat itself (e.g. history could not be loaded), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
