package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RefreshTest {

    /** Background work waits until the test lets it finish; UI callbacks run at once. */
    private static final class HeldExecutor implements UiExecutor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            held.add(() -> {
                try {
                    onSuccess.accept(work.call());
                } catch (Exception e) {
                    onFailure.accept(e);
                }
            });
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }

        @Override
        public <T> CompletableFuture<T> start(Callable<T> work) {
            throw new UnsupportedOperationException();
        }

        void finishOne() {
            held.remove(0).run();
        }
    }

    @Test
    void requestsDuringAReadLeadToOneMoreReadAndOnlyItsResultIsShown() {
        HeldExecutor ui = new HeldExecutor();
        int[] value = {1};
        int[] reads = {0};
        List<Integer> shown = new ArrayList<>();
        Refresh<Integer> refresh = new Refresh<>(ui, () -> {
            reads[0]++;
            return value[0];
        }, shown::add);

        refresh.request();
        value[0] = 2;
        refresh.request();
        refresh.request();
        refresh.request();
        assertEquals(1, ui.held.size(), "one read at a time");

        ui.finishOne(); // read 1 returns the old value: not shown, a new read starts
        assertEquals(List.of(), shown);
        ui.finishOne();

        assertEquals(List.of(2), shown);
        assertEquals(2, reads[0]);
        assertEquals(0, ui.held.size());
    }
}
