package dev.ponder.ui;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the password of an encrypted PDF. Non-blocking: the answer goes to the library view
 * model when the dialog closes; Cancel leaves the document waiting for its password.
 */
final class PasswordDialog {

    private PasswordDialog() {
    }

    /** Shows one dialog per request the library view model publishes. */
    static void follow(LibraryViewModel vm, Window owner) {
        vm.passwordRequestProperty().addListener((o, old, request) -> {
            if (request != null) {
                show(vm, request, owner);
            }
        });
    }

    private static void show(LibraryViewModel vm, PasswordRequest request, Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Password needed");
        dialog.setHeaderText(request.wrongPassword()
                ? "That password did not open " + request.fileName() + ". Try again."
                : request.fileName() + " is protected with a password.");
        ButtonType open = new ButtonType("Open", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(open, ButtonType.CANCEL);
        dialog.getDialogPane().getStyleClass().add("password-dialog");

        PasswordField field = new PasswordField();
        field.setId("password-field");
        field.setPromptText("Password");
        Label hint = new Label("Ponder uses it only to read the text; it is not stored.");
        hint.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        VBox content = new VBox(field, hint);
        content.getStyleClass().add("password-content");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().lookupButton(open).disableProperty().bind(field.textProperty().isEmpty());
        dialog.setOnShown(e -> field.requestFocus());
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == open && !field.getText().isEmpty()) {
                char[] password = field.getText().toCharArray();
                field.clear();
                vm.submitPassword(password);
            } else {
                field.clear();
                vm.cancelPassword();
            }
        });
        dialog.show();
    }
}
