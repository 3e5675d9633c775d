package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A strip under the menu with one sentence and a Dismiss button (e.g. "Your documents' text is
 * sent to HOST …"), and optionally a button that acts on it ("Open folder"). Dismiss hides it and
 * runs {@code onDismiss}, which remembers it.
 */
final class NoticeBanner extends HBox {

    NoticeBanner(String sentence, Runnable onDismiss) {
        this(sentence, null, null, onDismiss);
    }

    /**
     * @param actionLabel the label of a button beside the sentence, or null for none
     * @param action      what that button does
     */
    NoticeBanner(String sentence, String actionLabel, Runnable action, Runnable onDismiss) {
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
        getChildren().addAll(icon, text);
        if (actionLabel != null) {
            Button act = Shown.keepsItsLabel(new Button(actionLabel));
            act.setId("notice-action");
            act.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_OUTLINED);
            act.setOnAction(e -> action.run());
            getChildren().add(act);
        }
        getChildren().add(dismiss);
        setId("notice");
        getStyleClass().add("banner");
        setAlignment(Pos.CENTER_LEFT);
        managedProperty().bind(visibleProperty());
    }
}
