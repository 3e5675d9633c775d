package dev.ponder.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;

/**
 * Stands in for the file manager in UI tests. A robot cannot drag from another program, so this
 * small handle, laid over a corner of Ponder's own window, starts a real JavaFX drag gesture whose
 * dragboard carries the files; the robot drags it across the window and releases it, and the
 * production drop handler receives the files through the toolkit's drag-and-drop and a real
 * {@link Dragboard}. It sits in Ponder's window rather than a window of its own because Monocle's
 * headless platform delivers every drag event to the window where the drag started.
 */
final class FileDragSource {

    private final StackPane root;
    private final Label handle;

    /** Adds the handle to Ponder's root pane. Must be called on the FX thread. */
    FileDragSource(StackPane root, List<Path> files) {
        this.root = root;
        handle = new Label("drag " + files.size() + " file(s)");
        handle.setId("file-drag-source");
        handle.setMinSize(120, 40);
        handle.setMaxSize(120, 40);
        handle.setAlignment(Pos.CENTER);
        handle.setOnDragDetected(e -> {
            Dragboard board = handle.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(files.stream().map(Path::toFile).map(File::getAbsoluteFile).toList());
            board.setContent(content);
            e.consume();
        });
        StackPane.setAlignment(handle, Pos.BOTTOM_CENTER);
        root.getChildren().add(handle);
    }

    Label handle() {
        return handle;
    }

    void remove() {
        root.getChildren().remove(handle);
    }
}
