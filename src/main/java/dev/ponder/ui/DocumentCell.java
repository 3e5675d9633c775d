package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import java.util.function.Consumer;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import atlantafx.base.controls.RingProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A library row: status icon (a ring while importing), file name and status text. The row's style
 * class names the state ({@link DocumentState#styleClass()}); ponder.css draws icon and colour.
 */
final class DocumentCell extends ListCell<DocumentItem> {

    private final Region icon = new Region();
    private final RingProgressIndicator progress = new RingProgressIndicator(0, false);
    private final Label name = new Label();
    private final Label status = new Label();
    private final Hyperlink locate = new Hyperlink("Locate…");
    private final HBox graphic;
    private final Tooltip tooltip = new Tooltip();
    private final ChangeListener<Object> refresh = (o, a, b) -> refresh();
    private DocumentItem shown;

    /** @param onLocate asks the user where a missing document's file is now */
    DocumentCell(Consumer<DocumentItem> onLocate) {
        getStyleClass().add("document-cell");
        locate.getStyleClass().addAll("locate-link", Styles.TEXT_SMALL);
        locate.setFocusTraversable(false);
        locate.setOnAction(e -> {
            if (shown != null) {
                onLocate.accept(shown);
            }
        });
        locate.managedProperty().bind(locate.visibleProperty());
        // take the list's width instead of asking for the text's: long names end in "…", no sideways scrolling
        setPrefWidth(0);
        name.setMinWidth(0);
        status.setMinWidth(0);
        icon.getStyleClass().add("status-icon");
        progress.getStyleClass().add("import-progress");
        progress.setFocusTraversable(false);
        progress.setStringConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double value) {
                return ""; // the status text says the percentage; the ring is too small for it
            }

            @Override
            public Double fromString(String text) {
                return 0.0;
            }
        });
        StackPane iconBox = new StackPane(icon, progress);
        iconBox.getStyleClass().add("status-icon-box");
        name.getStyleClass().add("document-name");
        status.getStyleClass().addAll("document-status", Styles.TEXT_SMALL);
        HBox statusLine = new HBox(4, status, locate);
        statusLine.setAlignment(Pos.BASELINE_LEFT);
        VBox text = new VBox(name, statusLine);
        text.getStyleClass().add("document-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        graphic = new HBox(iconBox, text);
        graphic.setAlignment(Pos.CENTER_LEFT);
        graphic.getStyleClass().add("document-row");
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
    }

    @Override
    protected void updateItem(DocumentItem item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != null) {
            shown.stateProperty().removeListener(refresh);
            shown.statusTextProperty().removeListener(refresh);
            shown.progressProperty().removeListener(refresh);
            shown.messageProperty().removeListener(refresh);
        }
        shown = empty ? null : item;
        if (shown == null) {
            setGraphic(null);
            setText(null);
            setTooltip(null);
            getStyleClass().removeIf(c -> c.startsWith("state-"));
            return;
        }
        shown.stateProperty().addListener(refresh);
        shown.statusTextProperty().addListener(refresh);
        shown.progressProperty().addListener(refresh);
        shown.messageProperty().addListener(refresh);
        setText(null);
        setGraphic(graphic);
        refresh();
    }

    private void refresh() {
        DocumentItem item = shown;
        if (item == null) {
            return;
        }
        DocumentState state = item.state();
        getStyleClass().removeIf(c -> c.startsWith("state-"));
        getStyleClass().add(state.styleClass());
        name.setText(item.fileName());
        // a failed row says why in a few words; the tooltip and the insights panel have all of it
        status.setText(state == DocumentState.FAILED ? item.message().orElse(item.statusText()) : item.statusText());
        locate.setVisible(state == DocumentState.MISSING);
        boolean importing = state == DocumentState.IMPORTING || state == DocumentState.QUEUED;
        progress.setVisible(importing);
        icon.setVisible(!importing);
        progress.setProgress(item.progressProperty().get() >= 0 ? item.progressProperty().get()
                : ProgressIndicator.INDETERMINATE_PROGRESS);
        // the row has room for a few words: the whole status and sentence are here, and in the insights panel
        String tip = item.fileName() + "\n" + item.statusText() + item.message().map(m -> "\n" + m).orElse("")
                + "\n" + item.entry().path();
        tooltip.setText(tip);
        setTooltip(tooltip);
    }
}
