package dev.ponder.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What the window shows in its first frame: the menu strip and the three panes with their titles,
 * in the theme's colours, a dozen nodes. The whole window (hundreds of nodes) takes a slow machine
 * a second or more to style and lay out; shown first, it left the window blank white meanwhile.
 * The real content replaces this at the next frame.
 */
final class Skeleton extends BorderPane {

    /** The id the skeleton's root carries, so tests and logs can tell it from the real window. */
    static final String ID = "skeleton";

    /**
     * @param width         the window's width in pixels
     * @param libraryShare  the library pane's share of the width (the first divider's position)
     * @param insightsShare the insights pane's share of the width
     */
    Skeleton(double width, double libraryShare, double insightsShare) {
        setId(ID);
        getStyleClass().add("ponder-root");
        Region menu = new Region();
        menu.getStyleClass().add("skeleton-menu");
        setTop(menu);
        VBox library = pane("Library", "library-pane");
        library.setPrefWidth(width * libraryShare);
        VBox chat = pane("Chat", "chat-pane");
        VBox insights = pane("Insights", "insights-pane");
        insights.setPrefWidth(width * insightsShare);
        HBox.setHgrow(chat, Priority.ALWAYS);
        HBox panes = new HBox(library, chat, insights);
        panes.getStyleClass().add("main-panes");
        setCenter(panes);
    }

    private static VBox pane(String title, String styleClass) {
        Label label = new Label(title);
        label.getStyleClass().add("pane-title");
        VBox pane = new VBox(label);
        pane.getStyleClass().addAll("pane", styleClass);
        return pane;
    }
}
