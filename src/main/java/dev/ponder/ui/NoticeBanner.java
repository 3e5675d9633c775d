package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A warning strip under the menu with one sentence and a Dismiss button (e.g. "Your documents'
 * text is sent to HOST …"). Dismiss hides it and runs {@code onDismiss}, which remembers it.
 */
final class NoticeBanner extends HBox {

    NoticeBanner(String sentence, Runnable onDismiss) {
        Region icon = new Region();
        icon.getStyleClass().add("banner-icon");
        Label text = new Label(sentence);
        text.setId("notice-text");
        text.getStyleClass().add("banner-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setId("notice-dismiss");
        dismiss.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_OUTLINED);
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> {
            setVisible(false);
            onDismiss.run();
        });
        getChildren().addAll(icon, text, dismiss);
        setId("notice");
        getStyleClass().add("banner");
        setAlignment(Pos.CENTER_LEFT);
        managedProperty().bind(visibleProperty());
    }
}
