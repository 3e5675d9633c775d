package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The right pane: facts about the focused document, then what sleep-time compute made of it. */
final class InsightsView extends VBox {

    private final VBox content = new VBox();

    InsightsView(InsightsViewModel vm) {
        getStyleClass().addAll("pane", "insights-pane");
        setId("insights");

        Label title = new Label("Insights");
        title.getStyleClass().add("pane-title");

        Label placeholder = new Label("Showing all your documents. Select one in the library for its details.");
        placeholder.getStyleClass().addAll("insights-placeholder", Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder.visibleProperty().bind(vm.hasDocumentProperty().not());
        placeholder.managedProperty().bind(placeholder.visibleProperty());

        // a file name has no spaces to wrap at: JavaFX would cut it mid-word ("…password-ae / s256.pdf");
        // one line, shortened in the middle so the start and the extension stay, the full name on hover
        Label name = new Label();
        name.setId("insights-title");
        name.getStyleClass().addAll("insights-title", Styles.TITLE_4);
        name.setWrapText(false);
        name.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        name.setMinWidth(0);
        name.setMaxWidth(Double.MAX_VALUE);
        name.textProperty().bind(vm.titleProperty());
        Tooltip fullName = new Tooltip();
        fullName.textProperty().bind(vm.titleProperty());
        name.setTooltip(fullName);

        Region icon = new Region();
        icon.getStyleClass().add("status-icon");
        Label status = Shown.wrapping(new Label());
        status.setId("insights-status");
        status.getStyleClass().add("insights-status");
        status.textProperty().bind(vm.statusTextProperty());
        HBox statusRow = new HBox(icon, status);
        statusRow.getStyleClass().add("insights-status-row");
        statusRow.setAlignment(Pos.CENTER_LEFT);
        vm.stateProperty().addListener((o, a, s) -> {
            statusRow.getStyleClass().removeIf(c -> c.startsWith("state-"));
            if (s != null) {
                statusRow.getStyleClass().add(s.styleClass());
            }
        });

        GridPane facts = new GridPane();
        facts.getStyleClass().add("insights-facts");
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        facts.getColumnConstraints().addAll(labels, values);
        addFact(facts, 0, "Pages", vm.pagesProperty(), "insights-pages");
        addFact(facts, 1, "Characters", vm.charactersProperty(), "insights-chars");
        addFact(facts, 2, "Sections", vm.sectionsProperty(), "insights-sections");

        Label message = new Label();
        message.setId("insights-message");
        message.getStyleClass().add("insights-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        vm.stateProperty().addListener((o, a, s) -> {
            message.getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
            message.getStyleClass().add(s == DocumentState.READY_WITH_WARNING || s == DocumentState.MISSING
                    ? Styles.WARNING : Styles.DANGER);
        });

        Button password = Shown.keepsItsLabel(new Button("Enter password…"));
        password.setId("insights-password");
        password.getStyleClass().addAll("insights-password", Styles.ACCENT, Styles.SMALL);
        password.setOnAction(e -> vm.enterPassword());
        password.visibleProperty().bind(vm.needsPasswordProperty());
        password.managedProperty().bind(password.visibleProperty());

        Label cited = new Label();
        cited.setId("insights-cited");
        cited.getStyleClass().addAll("insights-cited", Styles.ACCENT);
        cited.textProperty().bind(vm.citedTextProperty());
        cited.visibleProperty().bind(vm.citedTextProperty().isNotEmpty());
        cited.managedProperty().bind(cited.visibleProperty());

        VBox details = new VBox(name, statusRow, facts, message, password, cited);
        details.getStyleClass().add("insights-details");
        details.visibleProperty().bind(vm.hasDocumentProperty());
        details.managedProperty().bind(details.visibleProperty());

        // the sections below (sleep-time, anticipated questions, savings and its chart) are taller
        // than a small window: the column scrolls as a whole rather than squeezing them on top of each other
        content.getStyleClass().add("insights-content");
        content.getChildren().addAll(placeholder, details);
        ScrollPane scroller = new ScrollPane(content);
        scroller.setId("insights-scroller");
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().addAll("insights-scroller", "edge-to-edge");
        VBox.setVgrow(scroller, Priority.ALWAYS);
        getChildren().addAll(title, scroller);
    }

    /** Adds a section below the document's facts (sleep-time, savings). */
    void addSection(javafx.scene.Node section) {
        content.getChildren().add(section);
    }

    private static void addFact(GridPane grid, int row, String label, ObservableStringValue value, String id) {
        Label key = new Label(label);
        key.getStyleClass().addAll("fact-label", Styles.TEXT_MUTED);
        Label val = new Label();
        val.setId(id);
        val.getStyleClass().add("fact-value");
        val.textProperty().bind(Bindings.createStringBinding(value::get, value));
        grid.addRow(row, key, val);
    }
}
