package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.FileChooser;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The left pane: documents, a drop hint, notices and the model server's status line. */
final class LibraryView extends VBox {

    private final LibraryViewModel vm;
    private final ListView<DocumentItem> list = new ListView<>();
    private boolean applyingRequest;

    LibraryView(LibraryViewModel vm, ModelStatusViewModel modelStatus) {
        this.vm = vm;
        getStyleClass().addAll("pane", "library-pane");

        Label title = new Label("Library");
        title.getStyleClass().add("pane-title");

        list.setId("library-list");
        list.getStyleClass().addAll("library-list", Styles.DENSE);
        list.setItems(vm.documents());
        list.setCellFactory(v -> new DocumentCell(this::locate));
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // the window shows before the library is open (it opens beside it): say so until the list is read
        Label placeholder = new Label();
        placeholder.setId("library-placeholder");
        placeholder.textProperty().bind(javafx.beans.binding.Bindings.when(vm.loadedProperty())
                .then("No documents yet").otherwise("Opening your library…"));
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(placeholder);
        VBox.setVgrow(list, Priority.ALWAYS);
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DocumentItem>) c -> publishSelection());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> publishSelection());
        vm.revealRequestProperty().addListener((o, a, item) -> {
            if (item != null) {
                list.scrollTo(item);
                vm.revealHandled();
            }
        });
        vm.selectionRequestProperty().addListener((o, a, item) -> {
            if (item != null) {
                applyingRequest = true;
                list.getSelectionModel().clearSelection();
                list.getSelectionModel().select(item);
                list.scrollTo(item);
                applyingRequest = false;
                publishSelection();
                vm.selectionRequestHandled();
            }
        });

        MenuItem password = new MenuItem("Enter password…");
        password.setOnAction(e -> vm.requestPassword(list.getSelectionModel().getSelectedItem()));
        MenuItem locate = new MenuItem("Locate…");
        locate.setOnAction(e -> locate(list.getSelectionModel().getSelectedItem()));
        MenuItem remove = new MenuItem("Remove from library");
        remove.setOnAction(e -> removeSelected());
        ContextMenu menu = new ContextMenu(password, locate, remove);
        menu.setOnShowing(e -> {
            DocumentItem focused = list.getSelectionModel().getSelectedItem();
            password.setVisible(focused != null && focused.state() == DocumentState.NEEDS_PASSWORD);
            locate.setVisible(focused != null && focused.state() == DocumentState.MISSING);
            remove.setDisable(list.getSelectionModel().getSelectedItems().isEmpty());
        });
        list.setContextMenu(menu);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                removeSelected();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            DocumentItem item = list.getSelectionModel().getSelectedItem();
            if (e.getButton() != MouseButton.PRIMARY || item == null) {
                return;
            }
            if (e.getClickCount() == 2 && item.state() == DocumentState.MISSING) {
                locate(item);
            } else if (e.getClickCount() == 2) {
                vm.requestPassword(item);
            } else {
                // the insights panel may show a cited document: a click on the selected row brings it back
                publishSelection();
            }
        });

        Label hint = new Label("Drop PDFs here");
        hint.getStyleClass().addAll("drop-hint", Styles.TEXT_MUTED);
        hint.setMaxWidth(Double.MAX_VALUE);
        hint.setAlignment(Pos.CENTER);

        Label notice = Shown.wrapping(new Label());
        notice.setId("library-notice");
        notice.getStyleClass().addAll("library-notice", Styles.TEXT_SMALL);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        Label status = Shown.wrapping(new Label());
        status.setId("model-status");
        status.getStyleClass().addAll("model-status", Styles.TEXT_SMALL);
        status.textProperty().bind(modelStatus.statusLineProperty());
        modelStatus.readyProperty().addListener((o, a, ready) -> status.pseudoClassStateChanged(Styles.STATE_SUCCESS, ready));
        modelStatus.bannerVisibleProperty().addListener((o, a, down) -> status.pseudoClassStateChanged(Styles.STATE_DANGER, down));
        status.setMaxWidth(Double.MAX_VALUE);

        getChildren().addAll(title, list, hint, notice, status);
    }

    /**
     * Shows {@code sentence} above the model status line while {@code when} holds (e.g. how far the
     * library's move to another embedding model has got).
     */
    void addStatus(String id, javafx.beans.value.ObservableValue<String> sentence,
                   javafx.beans.value.ObservableValue<Boolean> when) {
        Label line = new Label();
        line.setId(id);
        line.getStyleClass().addAll("library-notice", Styles.TEXT_SMALL);
        line.setWrapText(true);
        line.textProperty().bind(sentence);
        line.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> Boolean.TRUE.equals(when.getValue()), when));
        line.managedProperty().bind(line.visibleProperty());
        getChildren().add(getChildren().size() - 1, line);
    }

    private void publishSelection() {
        if (applyingRequest) {
            return;
        }
        List<DocumentItem> selected = List.copyOf(list.getSelectionModel().getSelectedItems().filtered(i -> i != null));
        vm.select(selected, list.getSelectionModel().getSelectedItem());
    }

    /** Asks where a missing document's file is now, starting in the folder it was in when that is still there. */
    private void locate(DocumentItem item) {
        if (item == null || item.state() != DocumentState.MISSING) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Locate " + item.fileName());
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("PDF documents", "*.pdf", "*.PDF"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        Path folder = item.entry().path().getParent();
        if (folder != null && Files.isDirectory(folder)) {
            chooser.setInitialDirectory(folder.toFile());
        }
        chooser.setInitialFileName(item.fileName());
        File chosen = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) {
            vm.locate(item, chosen.toPath());
        }
    }

    /**
     * Removes the selected documents after asking (what sleep-time learned about them goes too), and
     * leaves nothing selected, so the next question is about the whole library rather than about
     * whichever document the selection would have moved to.
     */
    private void removeSelected() {
        List<DocumentItem> selected = List.copyOf(list.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) {
            return;
        }
        String what = selected.size() == 1 ? "\u201C" + selected.get(0).fileName() + "\u201D" : selected.size() + " documents";
        if (Confirm.destructive(this, "Remove from library", "Remove " + what + " from the library?",
                "Ponder forgets " + (selected.size() == 1 ? "its" : "their") + " text, learned context and anticipated "
                        + "questions. The file" + (selected.size() == 1 ? " stays" : "s stay") + " on your disk.",
                "Remove")) {
            list.getSelectionModel().clearSelection();
            vm.remove(selected);
        }
    }
}
