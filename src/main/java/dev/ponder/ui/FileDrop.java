package dev.ponder.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Files dropped anywhere on the window. Accepts drags that carry files (and nothing else), says
 * while one hovers, and on drop only hands the paths on: reading them is the library's work, on its
 * own threads.
 */
final class FileDrop {

    private final ReadOnlyBooleanWrapper hovering = new ReadOnlyBooleanWrapper(this, "hovering");

    FileDrop(Node target, Consumer<List<Path>> open) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (carriesFiles(e.getDragboard())) {
                e.acceptTransferModes(TransferMode.COPY);
                hovering.set(true);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_ENTERED, e -> hovering.set(carriesFiles(e.getDragboard())));
        target.addEventHandler(DragEvent.DRAG_EXITED, e -> hovering.set(false));
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            hovering.set(false);
            Dragboard board = e.getDragboard();
            if (!carriesFiles(board)) {
                return;
            }
            open.accept(board.getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(true);
            e.consume();
        });
    }

    private static boolean carriesFiles(Dragboard board) {
        return board.hasFiles() && !board.getFiles().isEmpty();
    }

    /** True while files are dragged over the window. */
    ReadOnlyBooleanProperty hoveringProperty() {
        return hovering.getReadOnlyProperty();
    }
}
