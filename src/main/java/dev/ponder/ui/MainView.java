package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The whole window's content: menu, banner, the three panes, and the overlay shown while files hover.
 * The insights panel is not in the first frame: its column shows its title and that it waits for
 * the library until {@link #buildInsights()} (once the library list shows) puts the panel there.
 */
final class MainView extends StackPane {

    /** Where the dividers start, as shares of the width: the library pane, and where the insights pane begins. */
    static final double LIBRARY_SHARE = 0.22;
    static final double INSIGHTS_FROM = 0.76;

    private final MainViewModel vm;
    private final LibraryView library;
    private final ChatView chat;
    private final StackPane insightsColumn;
    private InsightsView insights;
    private final SplitPane panes;
    private final VBox top;

    MainView(MainViewModel vm, MenuBar menuBar, Runnable openFiles) {
        this.vm = vm;
        getStyleClass().add("ponder-root");
        setId("ponder-root");

        library = new LibraryView(vm.library(), vm.modelStatus());
        chat = new ChatView(vm.chat(), vm.library(), openFiles);
        insightsColumn = new StackPane(insightsTitleOnly());
        chat.visibleProperty().bind(vm.onboardingProperty().not());
        StackPane chatArea = new StackPane(chat);
        chatArea.getStyleClass().add("chat-area");
        // the parts below show only in some states: each is made when it first shows
        Shown.builtWhen(chatArea, vm.onboardingProperty(), () -> new OnboardingCard(vm.modelStatus(), vm.chat()::openLink));
        panes = new SplitPane(library, chatArea, insightsColumn);
        panes.getStyleClass().add("main-panes");
        panes.setDividerPositions(LIBRARY_SHARE, INSIGHTS_FROM);
        SplitPane.setResizableWithParent(library, false);
        SplitPane.setResizableWithParent(insightsColumn, false);

        BorderPane main = new BorderPane(panes);
        VBox bannerSlot = new VBox();
        // the first-run card says the same at length
        Shown.builtWhen(bannerSlot, vm.modelStatus().bannerVisibleProperty().and(vm.onboardingProperty().not()),
                () -> banner(vm.modelStatus()));
        top = new VBox(menuBar, bannerSlot);
        main.setTop(top);

        getChildren().add(main);
        FileDrop drop = new FileDrop(this, vm::open);
        Shown.builtWhen(this, drop.hoveringProperty(), MainView::dropOverlay);
        drop.hoveringProperty().addListener((o, a, on) -> pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("drag-over"), on));
    }

    /** What shows over the window while files hover over it. */
    private static StackPane dropOverlay() {
        Label dropText = new Label("Drop to add to your library");
        dropText.getStyleClass().addAll("drop-text", Styles.TITLE_3);
        StackPane overlay = new StackPane(dropText);
        overlay.getStyleClass().add("drop-overlay");
        overlay.setMouseTransparent(true);
        return overlay;
    }

    /** The insights column before the panel is built: its title, in the panel's colours and width. */
    private static VBox insightsTitleOnly() {
        Label title = new Label("Insights");
        title.getStyleClass().add("pane-title");
        // the panel is put together once the library list shows (issue #17): say what it waits for
        Label waiting = new Label("Shown once your library is open…");
        waiting.setId("insights-placeholder");
        waiting.setWrapText(true);
        waiting.getStyleClass().add(Styles.TEXT_MUTED);
        VBox column = new VBox(title, waiting);
        column.getStyleClass().addAll("pane", "insights-pane");
        return column;
    }

    /** Puts the insights panel in its column (once; later calls return it). */
    InsightsView buildInsights() {
        if (insights == null) {
            insights = new InsightsView(vm.insights());
            insightsColumn.getChildren().setAll(insights);
        }
        return insights;
    }

    private static HBox banner(ModelStatusViewModel status) {
        Region icon = new Region();
        icon.getStyleClass().add("banner-icon");
        Label sentence = new Label();
        sentence.setId("banner-text");
        sentence.getStyleClass().add("banner-text");
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        sentence.textProperty().bind(status.problemProperty());
        HBox.setHgrow(sentence, Priority.ALWAYS);
        sentence.setMaxWidth(Double.MAX_VALUE);
        Button retry = new Button();
        retry.setId("banner-retry");
        retry.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_OUTLINED);
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.textProperty().bind(javafx.beans.binding.Bindings.when(status.checkingProperty())
                .then("Checking…").otherwise("Retry"));
        retry.disableProperty().bind(status.checkingProperty());
        retry.setOnAction(e -> status.check());
        HBox banner = new HBox(icon, sentence, retry);
        banner.setId("banner");
        banner.getStyleClass().add("banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    /** The library pane, on the left. */
    LibraryView library() {
        return library;
    }

    /** Adds a notice under the model-status banner. */
    void addNotice(javafx.scene.Node notice) {
        top.getChildren().add(notice);
    }

    ChatView chat() {
        return chat;
    }

    /** The insights panel, built now if it was not yet. */
    InsightsView insights() {
        return buildInsights();
    }
}
