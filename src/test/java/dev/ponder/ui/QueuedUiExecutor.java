package dev.ponder.ui;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Background work on real threads, UI work queued until the test runs it ({@link #runUntil}) on its
 * own thread, which stands for the FX thread: for view models whose background calls block.
 */
final class QueuedUiExecutor implements UiExecutor, AutoCloseable {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final BlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final Thread uiThread = Thread.currentThread();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        background.execute(() -> {
            try {
                T result = work.call();
                onUi(() -> onSuccess.accept(result));
            } catch (Exception e) {
                onUi(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public <T> CompletableFuture<T> start(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        background.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Override
    public void onUi(Runnable action) {
        if (Thread.currentThread() == uiThread) {
            action.run();
        } else {
            ui.add(action);
        }
    }

    /** Runs queued UI work on this thread until {@code done} holds; false when it did not within 10 s. */
    boolean runUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            Runnable next = ui.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                return done.getAsBoolean();
            }
            next.run();
        }
        return true;
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
