package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * Asked at start when the library file cannot be read whole: use the newest backup, start with an
 * empty library (the damaged file is kept), or quit. Closing the window is Quit.
 */
public final class DamagedLibraryDialog {

    /** What the person chose. */
    public enum Choice { USE_BACKUP, START_EMPTY, QUIT }

    private final Stage stage;
    private Choice choice = Choice.QUIT;

    /**
     * Builds the dialog on a new stage. Call on the FX thread.
     *
     * @param sentence what happened, with the file's path
     * @param backup   the newest backup's file name, if there is one: "Use the backup" is offered
     * @param keptAs   the name the damaged file is kept under when starting empty
     */
    public DamagedLibraryDialog(String sentence, Optional<String> backup, String keptAs) {
        stage = new Stage();
        stage.setTitle("Ponder");
        Label header = new Label("Ponder could not read your library");
        header.getStyleClass().add(Styles.TITLE_3);
        Label text = Shown.wrapping(new Label(sentence));
        text.setId("damaged-text");
        VBox box = new VBox(14, header, text);
        backup.ifPresent(b -> box.getChildren().add(button("Use the backup (" + b + ")", "use-backup",
                Choice.USE_BACKUP, true)));
        box.getChildren().add(button("Start with an empty library (the damaged file is kept as " + keptAs + ")",
                "start-empty", Choice.START_EMPTY, backup.isEmpty()));
        box.getChildren().add(button("Quit", "quit", Choice.QUIT, false));
        box.setPadding(new Insets(20));
        box.setPrefWidth(620);
        stage.setScene(new Scene(box));
    }

    private Button button(String label, String id, Choice result, boolean isDefault) {
        Button b = new Button(label);
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setWrapText(true);
        b.setDefaultButton(isDefault);
        b.setOnAction(e -> {
            choice = result;
            stage.close();
        });
        return b;
    }

    /** The dialog's window. */
    public Stage stage() {
        return stage;
    }

    /** The button pressed so far; Quit until one is. */
    public Choice choice() {
        return choice;
    }

    /** Shows the dialog, waits until it closes and returns the choice. Call on the FX thread. */
    public Choice showAndWait() {
        stage.showAndWait();
        return choice;
    }
}
