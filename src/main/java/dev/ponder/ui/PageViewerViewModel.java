package dev.ponder.ui;

import dev.ponder.document.PageRenderer;
import dev.ponder.document.PageView;
import dev.ponder.store.Citation;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page viewer: the cited page of a document, drawn, with the lines that support the answer
 * marked; or the text Ponder stored for it, with why. One viewer serves every citation: opening
 * another replaces what it shows. Pages are drawn off the UI thread; a page that arrives after the
 * user moved on is dropped.
 */
public final class PageViewerViewModel {

    /** What the viewer shows. */
    public enum ViewerState {
        /** The page is being drawn: a progress indicator. */
        LOADING,
        /** The drawn page with its marks. */
        PAGE,
        /** The stored text with its marks, and why the page is not drawn. */
        STORED_TEXT,
        /** Nothing could be shown; {@link #noticeProperty()} says why. */
        FAILED
    }

    /** How the drawn page is sized in the window. */
    public enum Zoom {
        /** As wide as the window. */
        FIT_WIDTH,
        /** At its printed size: 1 point = 1/72 inch. */
        ACTUAL_SIZE
    }

    /** Width asked of the renderer when the window's is not known yet: a US letter page at 96 px per inch. */
    static final int DEFAULT_WIDTH_PX = 816;
    static final String NOTHING_MARKED = "Ponder could not find the answer's words on this page.";
    static final String NO_STORED_TEXT = "Ponder has no text for this page.";

    private static final Logger log = LoggerFactory.getLogger(PageViewerViewModel.class);

    private final UiExecutor ui;
    private final LibraryAccess library;
    private final SystemViewer systemViewer;
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showing");
    private final ReadOnlyObjectWrapper<ViewerState> state = new ReadOnlyObjectWrapper<>(this, "state", ViewerState.LOADING);
    private final ReadOnlyObjectWrapper<PageView> view = new ReadOnlyObjectWrapper<>(this, "view");
    private final ReadOnlyObjectWrapper<Zoom> zoom = new ReadOnlyObjectWrapper<>(this, "zoom", Zoom.FIT_WIDTH);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page");
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(this, "canPrevious");
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext");
    private final ReadOnlyBooleanWrapper canOpenFile = new ReadOnlyBooleanWrapper(this, "canOpenFile");
    private long documentId;
    private String fileName = "";
    private int pageCount;
    private String answer = "";
    private int widthPx = DEFAULT_WIDTH_PX;
    private long request;

    /** @param systemViewer opens the document's file in another program ("Open in system viewer") */
    public PageViewerViewModel(UiExecutor ui, LibraryAccess library, SystemViewer systemViewer) {
        this.ui = ui;
        this.library = library;
        this.systemViewer = systemViewer;
    }

    /**
     * Shows the cited page, marking the lines that support {@code answer} (the text of the answer
     * whose citation chip was clicked).
     *
     * @param pageCount the document's page count, for previous/next (0 when unknown)
     */
    public void open(Citation citation, String answer, int pageCount) {
        this.documentId = citation.documentId();
        this.fileName = citation.fileName();
        this.pageCount = pageCount;
        this.answer = answer == null ? "" : answer;
        showing.set(true);
        load(citation.page());
    }

    /** The page before, when there is one. */
    public void previous() {
        if (canPrevious.get()) {
            load(page.get() - 1);
        }
    }

    /** The page after, when there is one. */
    public void next() {
        if (canNext.get()) {
            load(page.get() + 1);
        }
    }

    public void setZoom(Zoom value) {
        zoom.set(value);
    }

    /**
     * The width, in pixels, to draw the next pages at: the window's width in physical pixels
     * (its width in layout units times the screen's output scale); at most
     * {@link PageRenderer#MAX_WIDTH_PX}.
     */
    public void setRenderWidth(int px) {
        widthPx = Math.max(1, Math.min(px, PageRenderer.MAX_WIDTH_PX));
    }

    /** The viewer was closed. A page still being drawn is dropped when it arrives. */
    public void close() {
        request++;
        showing.set(false);
    }

    /**
     * Opens the document's file in the system's PDF viewer, when it is the imported one. Only ever
     * on the user's click; a failure is told in {@link #noticeProperty()} with where the file is.
     */
    public void openFile() {
        PageView v = view.get();
        if (!canOpenFile.get() || v == null) {
            return;
        }
        Path file = v.document().path();
        ui.run(() -> systemViewer.open(file), e -> {
            log.warn("Could not open {} in another program", file, e);
            notice.set("Ponder could not open another program for this file; it is at " + file + ".");
        });
    }

    private void load(int pageNo) {
        long mine = ++request;
        page.set(pageNo);
        title.set(fileName + " — page " + pageNo);
        updateNavigation();
        state.set(ViewerState.LOADING);
        notice.set("");
        int width = widthPx;
        String marksFor = answer;
        long id = documentId;
        ui.run(() -> library.page(id, pageNo, marksFor, width), shown -> {
            if (mine == request) {
                show(shown);
            }
        }, error -> {
            if (mine == request) {
                failed(pageNo, error);
            }
        });
    }

    private void show(PageView shown) {
        pageCount = shown.document().pages();
        fileName = shown.document().fileName();
        title.set(fileName + " — page " + shown.page());
        updateNavigation();
        view.set(shown);
        if (shown instanceof PageView.Rendered rendered) {
            if (rendered.scanned()) {
                title.set(fileName + " — page " + shown.page() + " · scanned");
            }
            pageText.set("");
            canOpenFile.set(true);
            notice.set(rendered.marks().isEmpty() && !answer.isBlank() ? NOTHING_MARKED : "");
            state.set(ViewerState.PAGE);
        } else if (shown instanceof PageView.StoredText stored) {
            pageText.set(stored.text().isEmpty() ? NO_STORED_TEXT : stored.text());
            canOpenFile.set(stored.fileUsable());
            notice.set(stored.reason());
            state.set(ViewerState.STORED_TEXT);
        }
    }

    private void failed(int pageNo, Throwable error) {
        view.set(null);
        pageText.set("");
        canOpenFile.set(false);
        if (error instanceof IllegalArgumentException) {
            notice.set("Page " + pageNo + " of " + fileName + " is no longer in the library.");
        } else {
            log.warn("Could not show page {} of {}", pageNo, fileName, error);
            notice.set("Ponder could not show this page — see the log for details.");
        }
        state.set(ViewerState.FAILED);
    }

    private void updateNavigation() {
        canPrevious.set(page.get() > 1);
        canNext.set(pageCount > 0 && page.get() < pageCount);
    }

    /** True while the viewer window should be open. */
    public ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ViewerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ViewerState state() {
        return state.get();
    }

    /** The page shown (drawn or stored text); null before the first and after a failure. */
    public ReadOnlyObjectProperty<PageView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Zoom> zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /** "report.pdf — page 12". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The stored text shown in {@link ViewerState#STORED_TEXT}, or a sentence when there is none. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    /** One sentence about what is shown (why the stored text, nothing marked, a failure), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The page shown or being drawn, 1-based. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    /** True when the file is the one imported and may be opened in another program. */
    public ReadOnlyBooleanProperty canOpenFileProperty() {
        return canOpenFile.getReadOnlyProperty();
    }
}
