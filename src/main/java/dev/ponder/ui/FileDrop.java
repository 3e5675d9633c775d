package dev.ponder.ui;

import dev.ponder.document.DroppedPaths;
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
            open.accept(paths(board));
            e.setDropCompleted(true);
            e.consume();
        });
    }

    /**
     * The dropped files: JavaFX's file list when the source gave one, else the {@code file:} URIs
     * of its URL or text (some programs offer only {@code text/uri-list}), decoded.
     */
    private static List<Path> paths(Dragboard board) {
        if (board.hasFiles() && !board.getFiles().isEmpty()) {
            return board.getFiles().stream().map(File::toPath).toList();
        }
        return DroppedPaths.fromUriList(board.hasUrl() ? board.getUrl() : board.getString());
    }

    private static boolean carriesFiles(Dragboard board) {
        if (board.hasFiles() && !board.getFiles().isEmpty()) {
            return true;
        }
        String text = board.hasUrl() ? board.getUrl() : board.hasString() ? board.getString() : null;
        // only file: URIs: a dragged web link or a bit of text is not a file to open
        return text != null && text.toLowerCase(java.util.Locale.ROOT).contains("file:")
                && !DroppedPaths.fromUriList(text).isEmpty();
    }

    /** True while files are dragged over the window. */
    ReadOnlyBooleanProperty hoveringProperty() {
        return hovering.getReadOnlyProperty();
    }
}
