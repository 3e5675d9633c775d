package dev.ponder.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The one way view models do work off the UI thread and come back to it. Results, failures and
 * service callbacks are all delivered on the UI thread, so view-model state is only ever touched
 * there. {@link FxUiExecutor} is the real one; tests use a same-thread implementation.
 */
public interface UiExecutor {

    /**
     * Runs {@code work} on a background thread, then hands its result to {@code onSuccess} or what
     * it threw to {@code onFailure}, on the UI thread.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread: now when called there, otherwise as soon as it can. */
    void onUi(Runnable action);

    /**
     * Starts {@code work} on a background thread and returns its future without coming back to
     * the UI thread: for the rare UI-thread step that must wait for a result it started earlier
     * (the window waits, up to a limit, for the platform's colour scheme before creating controls).
     */
    <T> CompletableFuture<T> start(Callable<T> work);

    /** Runs a task that returns nothing on a background thread; failures go to {@code onFailure}. */
    default void run(CheckedRunnable work, Consumer<? super Throwable> onFailure) {
        run(() -> {
            work.run();
            return null;
        }, ignored -> { }, onFailure);
    }

    /**
     * Delivers the outcome of a stage that completes on some other thread to the UI thread. A
     * {@link CompletionException} is unwrapped, so {@code onFailure} sees the real cause.
     */
    default <T> void whenDone(CompletionStage<T> stage, Consumer<? super T> onSuccess,
                              Consumer<? super Throwable> onFailure) {
        stage.whenComplete((value, error) -> onUi(() -> {
            if (error == null) {
                onSuccess.accept(value);
            } else {
                onFailure.accept(unwrap(error));
            }
        }));
    }

    /** The cause behind the wrappers that futures and executors add. */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A task without a result that may throw. */
    @FunctionalInterface
    interface CheckedRunnable {
        void run() throws Exception;
    }
}
