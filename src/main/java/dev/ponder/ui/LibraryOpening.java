package dev.ponder.ui;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.document.FileCheck;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.PageView;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.LlmException;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import dev.ponder.store.Conversation;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.Exchange;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The window's parts while the library is still opening: the window is shown beside the opening
 * (issue #17), so its view models start with these stand-ins, which pass every call on once the
 * library is open. Calls that return a future return at once; calls that may block (documents,
 * history, pages, the server check) wait for the library, which they may: view models make them
 * off the UI thread. A question is asked, and a subscription made, when the library is there; the
 * library's documents are read only after the subscriptions made before, so no change falls between.
 */
final class LibraryOpening implements LibraryAccess, Answering, ChatHistory {

    private final CompletableFuture<WindowParts> parts;
    private final CompletableFuture<List<DocumentEntry>> listed;
    /** Completes when the library is open and every subscription asked for so far is made. */
    private volatile CompletableFuture<?> subscribed;

    /**
     * @param parts  completes when the library is open
     * @param listed the documents as the library check read them, before the library opened
     */
    LibraryOpening(CompletableFuture<WindowParts> parts, CompletableFuture<List<DocumentEntry>> listed) {
        this.parts = parts;
        this.listed = listed;
        this.subscribed = parts;
    }

    private WindowParts ready() {
        subscribed.join();
        return parts.join();
    }

    @Override
    public CompletableFuture<ImportOutcome> open(Path file) {
        return parts.thenCompose(p -> p.library().open(file));
    }

    @Override
    public CompletableFuture<ImportOutcome> open(Path file, char[] password) {
        return parts.thenCompose(p -> p.library().open(file, password));
    }

    @Override
    public boolean passwordOpens(Path file, char[] password) {
        return ready().library().passwordOpens(file, password);
    }

    @Override
    public List<DocumentEntry> documents() {
        return ready().library().documents();
    }

    @Override
    public CompletableFuture<List<DocumentEntry>> readBeforeOpen() {
        return listed;
    }

    @Override
    public CompletableFuture<FileCheck> locate(long id, Path file) {
        return parts.thenCompose(p -> p.library().locate(id, file));
    }

    @Override
    public CompletableFuture<Void> remove(long id) {
        return parts.thenCompose(p -> p.library().remove(id));
    }

    @Override
    public PageView page(long documentId, int page, String answer, int widthPx) {
        return ready().library().page(documentId, page, answer, widthPx);
    }

    @Override
    public synchronized Runnable subscribe(Events events) {
        Subscription subscription = new Subscription();
        subscribed = CompletableFuture.allOf(subscribed, parts.thenAccept(p -> subscription.make(p.library(), events)));
        return subscription::undo;
    }

    /** A subscription made once the library is open, unless undone before. */
    private static final class Subscription {
        private Runnable undo;
        private boolean undone;

        synchronized void make(LibraryAccess library, Events events) {
            if (!undone) {
                undo = library.subscribe(events);
            }
        }

        synchronized void undo() {
            undone = true;
            if (undo != null) {
                undo.run();
            }
        }
    }

    @Override
    public AnswerHandle ask(AnswerRequest request, AnswerListener listener) {
        CompletableFuture<AnswerHandle> asked = parts.thenApply(p -> p.answering().ask(request, listener));
        // stopped before the library opened: asked, then stopped at once, so the answer ends as any stopped one
        return () -> asked.thenAccept(AnswerHandle::stop);
    }

    @Override
    public List<Conversation> conversations() {
        return ready().history().conversations();
    }

    @Override
    public List<Exchange> conversation(long conversationId) {
        return ready().history().conversation(conversationId);
    }

    @Override
    public void deleteConversation(long conversationId) {
        ready().history().deleteConversation(conversationId);
    }

    /**
     * The model server, reached once the library is open; it goes by {@code name} until then (the
     * name the settings' server will have: {@link ModelServer#displayName(dev.ponder.settings.Settings)}).
     * Closing it does nothing: the application closes the real one.
     */
    ModelServer modelServer(String name) {
        return new ModelServer() {
            @Override
            public String displayName() {
                return parts.isDone() && !parts.isCompletedExceptionally() ? parts.join().modelServer().displayName() : name;
            }

            @Override
            public ServerStatus check() {
                return parts.join().modelServer().check();
            }

            @Override
            public LanguageModel chatModel() throws LlmException {
                return parts.join().modelServer().chatModel();
            }

            @Override
            public LanguageModel sleepModel() throws LlmException {
                return parts.join().modelServer().sleepModel();
            }

            @Override
            public void close() {
            }
        };
    }
}
