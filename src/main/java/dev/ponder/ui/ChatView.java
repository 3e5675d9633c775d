package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The centre pane. {@link ChatViewModel.ChatState} decides what shows: the empty state (no
 * documents) or the conversation; the question bar stays at the bottom, its button Ask or Stop.
 */
final class ChatView extends BorderPane {

    private final ChatViewModel vm;
    private final VBox conversation = new VBox();
    private final ScrollPane scroller = new ScrollPane(conversation);
    private final TextField questionField = new TextField();

    ChatView(ChatViewModel vm, LibraryViewModel library, Runnable openFiles) {
        this.vm = vm;
        getStyleClass().addAll("pane", "chat-pane");

        setTop(new ConversationBar(vm, this::confirmDelete));

        conversation.getStyleClass().add("conversation");
        conversation.setFillWidth(true);
        scroller.setId("conversation");
        scroller.getStyleClass().addAll("conversation-scroller", atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        scroller.setFitToWidth(true);
        BottomFollower follower = new BottomFollower(scroller, conversation);
        vm.exchanges().addListener((ListChangeListener<ExchangeItem>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    conversation.getChildren().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    conversation.getChildren().addAll(c.getFrom(),
                            c.getAddedSubList().stream().map(i -> new ExchangeView(i, vm)).toList());
                    follower.follow(); // a question just sent, or the history shown at start
                }
            }
        });
        // while the library opens (LOADING) neither shows: each is made when first needed
        StackPane center = new StackPane();
        Shown.builtWhen(center, vm.stateProperty().isEqualTo(ChatViewModel.ChatState.NO_DOCUMENTS),
                () -> emptyState(openFiles));
        Shown.builtWhen(center, vm.stateProperty().isNotEqualTo(ChatViewModel.ChatState.NO_DOCUMENTS)
                .and(vm.stateProperty().isNotEqualTo(ChatViewModel.ChatState.LOADING)), this::conversationArea);
        setCenter(center);

        setBottom(questionBar(library));
    }

    /** The conversation, scrolling, with a line that says what to do while it is empty. */
    private Node conversationArea() {
        Label start = new Label("Ask anything about your documents. Answers cite their pages.");
        start.getStyleClass().addAll("conversation-start", Styles.TEXT_MUTED);
        start.visibleProperty().bind(Bindings.isEmpty(vm.exchanges()));
        start.managedProperty().bind(start.visibleProperty());
        return new StackPane(scroller, start);
    }

    private Node emptyState(Runnable openFiles) {
        Region art = new Region();
        art.getStyleClass().add("empty-art");
        Label headline = new Label("Drop PDFs here to start");
        headline.setId("empty-headline");
        headline.getStyleClass().addAll("empty-headline", Styles.TITLE_2);
        Label hint = new Label("Or choose File ▸ Open… — Ponder reads them on your computer and answers with page references.");
        hint.getStyleClass().addAll("empty-hint", Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMaxWidth(420);
        hint.setAlignment(Pos.CENTER);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Button open = Shown.keepsItsLabel(new Button("Open PDFs…"));
        open.getStyleClass().addAll(Styles.ACCENT);
        open.setOnAction(e -> openFiles.run());
        VBox box = new VBox(art, headline, hint, open);
        box.getStyleClass().add("empty-state");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private Node questionBar(LibraryViewModel library) {
        questionField.setId("question");
        questionField.setPromptText("Ask about your documents…");
        questionField.textProperty().bindBidirectional(vm.questionProperty());
        questionField.setOnAction(e -> vm.ask());
        HBox.setHgrow(questionField, Priority.ALWAYS);

        Button ask = Shown.keepsItsLabel(new Button());
        ask.setId("ask-button");
        ask.getStyleClass().add("ask-button");
        ask.setDefaultButton(false);
        ask.textProperty().bind(Bindings.when(vm.stateProperty().isEqualTo(ChatViewModel.ChatState.ANSWERING))
                .then("Stop").otherwise("Ask"));
        ask.disableProperty().bind(vm.stateProperty().isNotEqualTo(ChatViewModel.ChatState.ANSWERING)
                .and(vm.canAskProperty().not()));
        vm.stateProperty().addListener((o, a, s) -> styleAsk(ask, s));
        styleAsk(ask, vm.state());
        ask.setOnAction(e -> {
            if (vm.state() == ChatViewModel.ChatState.ANSWERING) {
                vm.stop();
            } else {
                vm.ask();
            }
            questionField.requestFocus();
        });

        HBox row = new HBox(questionField, ask);
        row.getStyleClass().add("question-row-input");
        row.setAlignment(Pos.CENTER);

        Label scope = new Label();
        scope.setId("scope");
        scope.getStyleClass().addAll("scope-line", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        scope.textProperty().bind(library.scopeLineProperty());
        scope.setWrapText(true); // it names what is left out; cutting it off would hide the truth
        scope.setMinHeight(Region.USE_PREF_SIZE);
        scope.visibleProperty().bind(library.emptyProperty().not());
        Label notice = Shown.wrapping(new Label());
        notice.setId("chat-notice");
        notice.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        notice.textProperty().bind(vm.noticeProperty());
        notice.visibleProperty().bind(vm.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());

        VBox bar = new VBox(row, scope, notice);
        bar.getStyleClass().add("question-bar");
        return bar;
    }

    private static void styleAsk(Button ask, ChatViewModel.ChatState state) {
        boolean stop = state == ChatViewModel.ChatState.ANSWERING;
        ask.getStyleClass().removeAll(Styles.ACCENT, Styles.DANGER);
        ask.getStyleClass().add(stop ? Styles.DANGER : Styles.ACCENT);
    }

    /**
     * Asks whether to delete the conversation shown and deletes it when the user agrees. Does
     * nothing for a new conversation (there is nothing stored) or while an answer streams.
     */
    void confirmDelete() {
        long id = vm.conversationId();
        if (id == 0 || vm.streamingProperty().get()) {
            return;
        }
        String title = vm.conversations().stream().filter(c -> c.id() == id).findFirst()
                .map(c -> c.title()).orElse("this conversation");
        int count = vm.exchanges().size();
        if (Confirm.destructive(this, "Delete conversation", "Delete \u201C" + title + "\u201D?",
                (count == 1 ? "Its question and answer are" : "Its " + count + " questions and answers are")
                        + " removed from Ponder. This cannot be undone.", "Delete")) {
            vm.deleteConversation(id);
        }
    }

    TextField questionField() {
        return questionField;
    }
}
