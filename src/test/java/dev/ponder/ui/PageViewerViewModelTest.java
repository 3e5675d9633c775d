package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.PageView;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The page viewer's state, without a window: which page, what it shows, what the user may do. */
class PageViewerViewModelTest {

    private static final DocumentEntry REPORT = InMemoryLibrary.entry(2, "report.pdf", DocumentStatus.READY, null); // 12 pages

    private final QueuedUiExecutor ui = new QueuedUiExecutor();
    private final InMemoryLibrary library = new InMemoryLibrary();
    private final List<Path> opened = new ArrayList<>();
    private final PageViewerViewModel vm = new PageViewerViewModel(ui, library, opened::add);

    private static PageView.Rendered drawn(int page, List<PageView.Box> marks) {
        return new PageView.Rendered(REPORT, page, 2, 3, new int[6], 612, 918, marks);
    }

    @Test
    void aCitationShowsASpinnerThenItsPageWithTitleAndPageTurning() {
        library.pages = (id, page, answer, width) -> drawn(page, List.of(new PageView.Box(1, 1, 1, 1)));

        vm.open(new Citation(2, "report.pdf", 12), "Revenue grew 14 % [p. 12].", 12);

        assertTrue(vm.showingProperty().get());
        assertEquals(PageViewerViewModel.ViewerState.LOADING, vm.state(), "drawing runs in the background");
        assertEquals("report.pdf — page 12", vm.titleProperty().get());
        ui.runAll();
        assertEquals(PageViewerViewModel.ViewerState.PAGE, vm.state());
        assertEquals(List.of("2 p12 816px: Revenue grew 14 % [p. 12]."), library.pageRequests);
        assertEquals("", vm.noticeProperty().get());
        assertTrue(vm.canPreviousProperty().get());
        assertFalse(vm.canNextProperty().get(), "page 12 is the last");
        assertTrue(vm.canOpenFileProperty().get());

        vm.setRenderWidth(1700);
        vm.previous();
        ui.runAll();
        assertEquals("report.pdf — page 11", vm.titleProperty().get());
        assertEquals("2 p11 1700px: Revenue grew 14 % [p. 12].", library.pageRequests.get(1),
                "other pages mark the same answer's words, at the window's width");
        assertTrue(vm.canNextProperty().get());
    }

    @Test
    void aPageThatArrivesAfterTheUserMovedOnIsDropped() {
        library.pages = (id, page, answer, width) -> drawn(page, List.of());
        vm.open(new Citation(2, "report.pdf", 3), "x", 12);
        vm.next();
        ui.runAll();
        assertEquals(4, vm.viewProperty().get().page());
        assertEquals("report.pdf — page 4", vm.titleProperty().get());
    }

    @Test
    void theStoredTextIsShownWithWhyAndTheFileCannotBeOpenedWhenItIsNotTheImportedOne() {
        String why = "The file has changed since it was imported — showing the text Ponder stored.";
        library.pages = (id, page, answer, width) -> new PageView.StoredText(REPORT, page, "Revenue grew 14 %.",
                List.of(new PageView.Span(0, 18)), why, false);

        vm.open(new Citation(2, "report.pdf", 5), "Revenue grew 14 %.", 12);
        ui.runAll();

        assertEquals(PageViewerViewModel.ViewerState.STORED_TEXT, vm.state());
        assertEquals(why, vm.noticeProperty().get());
        assertEquals("Revenue grew 14 %.", vm.pageTextProperty().get());
        assertFalse(vm.canOpenFileProperty().get());
        vm.openFile();
        ui.runAll();
        assertTrue(opened.isEmpty(), "a changed file is not handed to another program");
    }

    @Test
    void aPageWithoutTheAnswersWordsSaysSo() {
        library.pages = (id, page, answer, width) -> drawn(page, List.of());
        vm.open(new Citation(2, "report.pdf", 5), "Something else entirely.", 12);
        ui.runAll();
        assertEquals(PageViewerViewModel.NOTHING_MARKED, vm.noticeProperty().get());
    }

    @Test
    void aRemovedDocumentFailsWithASentence() {
        vm.open(new Citation(9, "gone.pdf", 2), "x", 4);
        ui.runAll();
        assertEquals(PageViewerViewModel.ViewerState.FAILED, vm.state());
        assertEquals("Page 2 of gone.pdf is no longer in the library.", vm.noticeProperty().get());
    }

    @Test
    void openInSystemViewerHandsTheFileOverOnlyWhenAskedAndSaysWhereItIsWhenThatFails() {
        library.pages = (id, page, answer, width) -> drawn(page, List.of());
        vm.open(new Citation(2, "report.pdf", 1), "", 12);
        ui.runAll();
        assertTrue(opened.isEmpty(), "nothing opens by itself");

        vm.openFile();
        ui.runAll();
        assertEquals(List.of(REPORT.path()), opened);

        PageViewerViewModel failing = new PageViewerViewModel(ui, library, file -> {
            throw new IOException("no program for PDF");
        });
        failing.open(new Citation(2, "report.pdf", 1), "", 12);
        ui.runAll();
        failing.openFile();
        ui.runAll();
        assertEquals("Ponder could not open another program for this file; it is at " + REPORT.path() + ".",
                failing.noticeProperty().get());
    }

    @Test
    void closingHidesTheViewerAndDropsAPageStillBeingDrawn() {
        library.pages = (id, page, answer, width) -> drawn(page, List.of());
        vm.open(new Citation(2, "report.pdf", 1), "", 12);
        vm.close();
        ui.runAll();
        assertFalse(vm.showingProperty().get());
        assertSame(null, vm.viewProperty().get());
    }

    /** Holds background work until the test runs it, so the states in between can be seen. */
    private static final class QueuedUiExecutor implements UiExecutor {
        private final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            queued.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            });
        }

        @Override
        public <T> CompletableFuture<T> start(Callable<T> work) {
            throw new UnsupportedOperationException("not used by the page viewer");
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }
}
