package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** Asks before something that cannot be undone; Cancel is the default button. */
final class Confirm {

    private Confirm() {
    }

    /**
     * Shows a confirmation owned by {@code owner}'s window and waits for the answer.
     *
     * @param action the label of the destructive button, e.g. "Delete"
     * @return true when the person chose {@code action}
     */
    static boolean destructive(Node owner, String title, String header, String content, String action) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner.getScene() == null ? null : owner.getScene().getWindow());
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.setContentText(content);
        ButtonType act = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, act);
        Button actButton = (Button) alert.getDialogPane().lookupButton(act);
        actButton.getStyleClass().add(Styles.DANGER);
        actButton.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(act::equals).isPresent();
    }
}
