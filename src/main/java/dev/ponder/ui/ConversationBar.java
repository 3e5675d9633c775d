package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import dev.ponder.store.Conversation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The chat pane's title row: "Chat", a drop-down of the conversations (title, questions asked,
 * when last asked) to reopen one, "New" (Ctrl+N) and "Delete…". Switching is off while an
 * answer streams.
 */
final class ConversationBar extends HBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final ChatViewModel vm;
    private final ComboBox<Conversation> picker = new ComboBox<>();
    private boolean syncing;

    ConversationBar(ChatViewModel vm, Runnable confirmDelete) {
        this.vm = vm;
        getStyleClass().add("conversation-bar");
        setAlignment(Pos.CENTER_LEFT);

        Label title = new Label("Chat");
        title.getStyleClass().add("pane-title");
        title.setMinWidth(Region.USE_PREF_SIZE);

        picker.setId("conversations");
        picker.getStyleClass().addAll("conversation-picker", Styles.SMALL);
        picker.setItems(vm.conversations());
        picker.setPromptText("New conversation");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.setMinWidth(80);
        HBox.setHgrow(picker, Priority.ALWAYS);
        picker.setCellFactory(list -> new ConversationCell(true));
        picker.setButtonCell(new ConversationCell(false));
        picker.disableProperty().bind(vm.streamingProperty());
        picker.setTooltip(new Tooltip("Reopen an earlier conversation"));
        picker.valueProperty().addListener((o, was, chosen) -> {
            if (!syncing && chosen != null) {
                vm.openConversation(chosen.id());
            }
        });
        vm.conversationIdProperty().addListener((o, a, b) -> sync());
        // after the combo box's own reaction to the new items, which clears its selection
        vm.conversations().addListener((ListChangeListener<Conversation>) c -> javafx.application.Platform.runLater(this::sync));

        Button fresh = new Button("New");
        fresh.setId("new-conversation");
        fresh.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        fresh.setMinWidth(Region.USE_PREF_SIZE);
        fresh.setTooltip(new Tooltip("Start a new conversation (Ctrl+N)"));
        fresh.setOnAction(e -> vm.newConversation());
        fresh.disableProperty().bind(vm.streamingProperty().or(vm.conversationIdProperty().isEqualTo(0)));

        Button delete = new Button("Delete…");
        delete.setId("delete-conversation");
        delete.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.DANGER);
        delete.setMinWidth(Region.USE_PREF_SIZE);
        delete.setTooltip(new Tooltip("Delete this conversation"));
        delete.setOnAction(e -> confirmDelete.run());
        delete.disableProperty().bind(vm.streamingProperty().or(vm.conversationIdProperty().isEqualTo(0)));

        getChildren().addAll(title, picker, fresh, delete);
        sync();
    }

    /** Shows the conversation the chat shows; the prompt "New conversation" for a new one. */
    private void sync() {
        syncing = true;
        try {
            long id = vm.conversationId();
            Conversation shown = vm.conversations().stream().filter(c -> c.id() == id).findFirst().orElse(null);
            if (shown == null) {
                picker.getSelectionModel().clearSelection();
                picker.setValue(null);
            } else {
                picker.getSelectionModel().select(shown);
            }
        } finally {
            syncing = false;
        }
    }

    /** "3 questions · today 14:03", "1 question · 2 May". */
    static String details(Conversation c, ZoneId zone, LocalDate today) {
        String count = c.exchangeCount() == 1 ? "1 question" : c.exchangeCount() + " questions";
        return count + " · " + when(c.lastAskedAt(), zone, today);
    }

    static String when(Instant at, ZoneId zone, LocalDate today) {
        var t = at.atZone(zone);
        LocalDate day = t.toLocalDate();
        if (day.equals(today)) {
            return "today " + TIME.format(t);
        }
        if (day.equals(today.minusDays(1))) {
            return "yesterday " + TIME.format(t);
        }
        return (day.getYear() == today.getYear() ? DAY : DAY_YEAR).format(t);
    }

    /** A conversation's title; in the open list with its details under it. */
    private static final class ConversationCell extends ListCell<Conversation> {
        private final boolean withDetails;

        ConversationCell(boolean withDetails) {
            this.withDetails = withDetails;
            getStyleClass().add("conversation-cell");
        }

        @Override
        protected void updateItem(Conversation c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setText(withDetails ? null : "New conversation");
                setGraphic(null);
                setTooltip(null);
                return;
            }
            String title = c.title().isBlank() ? "Untitled conversation" : c.title();
            // a narrow window shortens the title ("How long is the warran..."): all of it on hover
            setTooltip(new Tooltip(title));
            if (!withDetails) {
                setText(title);
                setGraphic(null);
                return;
            }
            Label name = new Label(title);
            name.getStyleClass().add("conversation-title");
            Label details = new Label(details(c, ZoneId.systemDefault(), LocalDate.now()));
            details.getStyleClass().addAll("conversation-details", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            setText(null);
            setGraphic(new VBox(name, details));
            setMaxWidth(520);
        }
    }
}
