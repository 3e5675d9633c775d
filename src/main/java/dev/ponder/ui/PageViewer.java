package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import dev.ponder.document.PageView;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The page viewer window: a cited page fit to the window's width with the supporting lines
 * highlighted, or the stored text with the same lines highlighted and why. Non-modal, owned by the
 * main window, one for the whole session, shown again for every citation. Keys: Escape closes,
 * Page Up / Page Down turn pages, Tab reaches every button.
 */
final class PageViewer {

    /** Space around the page inside the window, in layout pixels. */
    private static final double PAGE_MARGIN = 16;
    /** Layout pixels per point at 100 %: JavaFX lays out at 96 px per inch, a point is 1/72 inch. */
    private static final double PX_PER_PT = 96.0 / 72.0;

    private final PageViewerViewModel vm;
    private final Stage stage = new Stage();
    private final ImageView image = new ImageView();
    private final Pane highlights = new Pane();
    private final Pane page = new Pane(image, highlights);
    private final StackPane pageHolder = new StackPane(page);
    private final ScrollPane pageScroll = new ScrollPane(pageHolder);
    private final TextFlow storedText = new TextFlow();
    private final ScrollPane textScroll = new ScrollPane();
    private final Path storedMarks = new Path();

    private PageViewer(PageViewerViewModel vm, Window owner) {
        this.vm = vm;
        stage.initOwner(owner);
        stage.titleProperty().bind(vm.titleProperty());
        Scene scene = new Scene(layout(), 860, Math.min(1000, Screen.getPrimary().getVisualBounds().getHeight() - 60));
        scene.getStylesheets().add(Objects.requireNonNull(
                PageViewer.class.getResource("ponder.css"), "ponder.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        stage.setScene(scene);
        stage.setMinWidth(420);
        stage.setMinHeight(320);
        stage.setOnHidden(e -> vm.close());
    }

    /** Shows a viewer whenever {@code vm} opens a page, and hides it when the view model closes. */
    static void follow(PageViewerViewModel vm, Window owner) {
        PageViewer[] viewer = new PageViewer[1];
        vm.showingProperty().addListener((o, was, is) -> {
            if (is) {
                if (viewer[0] == null) {
                    viewer[0] = new PageViewer(vm, owner);
                }
                viewer[0].show();
            } else if (viewer[0] != null) {
                viewer[0].stage.hide();
            }
        });
    }

    private void show() {
        double outputScale = Screen.getPrimary().getOutputScaleX();
        double width = stage.isShowing() ? pageScroll.getViewportBounds().getWidth() : stage.getScene().getWidth();
        vm.setRenderWidth((int) Math.ceil(Math.max(width, PageViewerViewModel.DEFAULT_WIDTH_PX) * outputScale));
        if (!stage.isShowing()) {
            stage.show();
        }
        stage.toFront();
        stage.requestFocus();
    }

    private BorderPane layout() {
        Button previous = Shown.keepsItsLabel(new Button("Previous"));
        previous.setId("viewer-previous");
        previous.setTooltip(new Tooltip("Previous page (Page Up)"));
        previous.disableProperty().bind(vm.canPreviousProperty().not());
        previous.setOnAction(e -> vm.previous());
        Button next = Shown.keepsItsLabel(new Button("Next"));
        next.setId("viewer-next");
        next.setTooltip(new Tooltip("Next page (Page Down)"));
        next.disableProperty().bind(vm.canNextProperty().not());
        next.setOnAction(e -> vm.next());

        ToggleGroup zoomGroup = new ToggleGroup();
        ToggleButton fit = Shown.keepsItsLabel(new ToggleButton("Fit width"));
        fit.setId("viewer-fit-width");
        ToggleButton actual = Shown.keepsItsLabel(new ToggleButton("100 %"));
        actual.setId("viewer-actual-size");
        fit.setToggleGroup(zoomGroup);
        actual.setToggleGroup(zoomGroup);
        fit.getStyleClass().add(Styles.LEFT_PILL);
        actual.getStyleClass().add(Styles.RIGHT_PILL);
        fit.setSelected(true);
        zoomGroup.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) {
                was.setSelected(true); // one zoom is always chosen
            } else {
                vm.setZoom(is == actual ? PageViewerViewModel.Zoom.ACTUAL_SIZE : PageViewerViewModel.Zoom.FIT_WIDTH);
            }
        });
        HBox zoom = new HBox(fit, actual);

        Button open = Shown.keepsItsLabel(new Button("Open in system viewer"));
        open.setId("viewer-open-file");
        open.disableProperty().bind(vm.canOpenFileProperty().not());
        open.setOnAction(e -> vm.openFile());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, previous, next, zoom, grow, open);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("viewer-bar");

        Label notice = Shown.wrapping(new Label());
        notice.setId("viewer-notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.getStyleClass().addAll("viewer-notice", Styles.TEXT_MUTED);
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("viewer-progress");
        progress.setMaxSize(48, 48);
        progress.visibleProperty().bind(vm.stateProperty().isEqualTo(PageViewerViewModel.ViewerState.LOADING));

        image.setPreserveRatio(true);
        image.setSmooth(true);
        image.setId("viewer-page-image");
        highlights.setMouseTransparent(true);
        page.getStyleClass().add("viewer-page");
        pageHolder.setPadding(new Insets(PAGE_MARGIN));
        pageHolder.getStyleClass().add("viewer-page-holder");
        pageScroll.setId("viewer-page");
        pageScroll.getStyleClass().add("viewer-scroll");
        pageScroll.setFitToWidth(true);
        pageScroll.setPannable(true);
        pageScroll.visibleProperty().bind(vm.stateProperty().isEqualTo(PageViewerViewModel.ViewerState.PAGE));
        pageScroll.viewportBoundsProperty().addListener((o, was, is) -> layoutPage());
        vm.zoomProperty().addListener((o, was, is) -> layoutPage());

        storedText.setId("viewer-stored-text");
        storedText.getStyleClass().add("viewer-stored-text");
        storedMarks.getStyleClass().add("stored-text-highlight");
        storedMarks.setManaged(false);
        storedMarks.setMouseTransparent(true);
        // the highlight is drawn under the text, in the text flow's coordinates (both at the stack's top left)
        StackPane textLayers = new StackPane(new Pane(storedMarks), storedText);
        textLayers.setAlignment(Pos.TOP_LEFT);
        textLayers.setPadding(new Insets(PAGE_MARGIN));
        storedText.layoutBoundsProperty().addListener((o, was, is) -> markStoredText());
        textScroll.setContent(textLayers);
        textScroll.setFitToWidth(true);
        textScroll.getStyleClass().add("viewer-scroll");
        textScroll.visibleProperty().bind(vm.stateProperty().isEqualTo(PageViewerViewModel.ViewerState.STORED_TEXT));

        vm.viewProperty().addListener((o, was, is) -> showView(is));
        vm.pageTextProperty().addListener((o, was, is) -> showView(vm.viewProperty().get()));

        StackPane content = new StackPane(pageScroll, textScroll, progress);
        VBox.setVgrow(content, Priority.ALWAYS);
        Label pageOf = new Label();
        pageOf.textProperty().bind(Bindings.createStringBinding(() -> {
            PageView v = vm.viewProperty().get();
            int count = v == null ? 0 : v.document().pages();
            return count > 0 ? "Page " + vm.pageProperty().get() + " of " + count : "Page " + vm.pageProperty().get();
        }, vm.viewProperty(), vm.pageProperty()));
        pageOf.setId("viewer-page-number");
        bar.getChildren().add(2, pageOf);
        BorderPane root = new BorderPane(content);
        root.setTop(new VBox(bar, notice));
        root.getStyleClass().add("page-viewer");
        return root;
    }

    private void showView(PageView view) {
        highlights.getChildren().clear();
        image.setImage(null);
        storedText.getChildren().clear();
        if (view instanceof PageView.Rendered rendered) {
            WritableImage img = new WritableImage(rendered.widthPx(), rendered.heightPx());
            img.getPixelWriter().setPixels(0, 0, rendered.widthPx(), rendered.heightPx(),
                    PixelFormat.getIntArgbInstance(), rendered.argb(), 0, rendered.widthPx());
            image.setImage(img);
            layoutPage();
            pageScroll.setVvalue(0);
            scrollToFirstMark(rendered);
        } else if (view instanceof PageView.StoredText stored) {
            fillStoredText(stored);
            textScroll.setVvalue(0);
        }
    }

    /** Sizes the page for the zoom and places the highlights over the lines they mark. */
    private void layoutPage() {
        PageView view = vm.viewProperty().get();
        if (!(view instanceof PageView.Rendered rendered)) {
            return;
        }
        double available = pageScroll.getViewportBounds().getWidth() - 2 * PAGE_MARGIN;
        double width = vm.zoomProperty().get() == PageViewerViewModel.Zoom.ACTUAL_SIZE || available <= 0
                ? rendered.widthPt() * PX_PER_PT
                : available;
        double k = width / rendered.widthPx();
        image.setFitWidth(width);
        page.setPrefSize(width, rendered.heightPx() * k);
        page.setMaxSize(width, rendered.heightPx() * k);
        pageScroll.setFitToWidth(vm.zoomProperty().get() == PageViewerViewModel.Zoom.FIT_WIDTH);
        highlights.getChildren().clear();
        for (PageView.Box b : rendered.marks()) {
            // a little air around the glyphs, as a reader's highlighter leaves
            double pad = 2;
            Rectangle r = new Rectangle(b.x() * k - pad, b.y() * k - pad, b.width() * k + 2 * pad, b.height() * k + 2 * pad);
            r.getStyleClass().add("page-highlight");
            highlights.getChildren().add(r);
        }
    }

    /** Scrolls so the first highlight is in view, about a third from the top. */
    private void scrollToFirstMark(PageView.Rendered rendered) {
        if (rendered.marks().isEmpty()) {
            return;
        }
        pageScroll.layout();
        double k = image.getFitWidth() / rendered.widthPx();
        double contentHeight = pageHolder.getHeight();
        double viewport = pageScroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        double target = PAGE_MARGIN + rendered.marks().get(0).y() * k - viewport / 3;
        pageScroll.setVvalue(Math.max(0, Math.min(1, target / (contentHeight - viewport))));
    }

    private void fillStoredText(PageView.StoredText stored) {
        storedText.getChildren().add(new Text(vm.pageTextProperty().get()));
        storedText.getChildren().forEach(n -> n.getStyleClass().add("stored-text"));
        markStoredText();
    }

    /** Highlights the marked lines of the stored text, behind the text. */
    private void markStoredText() {
        storedMarks.getElements().clear();
        if (vm.viewProperty().get() instanceof PageView.StoredText stored && !stored.text().isEmpty()) {
            for (PageView.Span span : stored.marks()) {
                storedMarks.getElements().addAll(storedText.rangeShape(span.start(), span.end()));
            }
        }
    }

    private void keys(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.ESCAPE) {
            stage.hide();
            e.consume();
        } else if (code == KeyCode.PAGE_UP && vm.canPreviousProperty().get()) {
            vm.previous();
            e.consume();
        } else if (code == KeyCode.PAGE_DOWN && vm.canNextProperty().get()) {
            vm.next();
            e.consume();
        }
    }

}
