package dev.ponder.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs background work on an executor owned by the caller (the application shuts it down) and
 * brings results back with {@link Platform#runLater}: the one way background work reaches the FX
 * thread in the UI. (A view may still defer its own reaction to the next pulse with
 * {@code runLater}, as {@link ConversationBar} does after the combo box has reacted to new items.)
 */
public final class FxUiExecutor implements UiExecutor {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FxUiExecutor.class);

    private final Executor background;

    public FxUiExecutor(Executor background) {
        this.background = Objects.requireNonNull(background, "background");
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            background.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    onUi(() -> onFailure.accept(e));
                    return;
                }
                onUi(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            // the executor is shut down: the application is closing
            onUi(() -> onFailure.accept(e));
        }
    }

    @Override
    public <T> CompletableFuture<T> start(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            background.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
            return;
        }
        try {
            Platform.runLater(action);
        } catch (IllegalStateException e) {
            // the toolkit has exited: there is no window left to update
            log.debug("Dropped a UI update after JavaFX exited");
        }
    }
}
