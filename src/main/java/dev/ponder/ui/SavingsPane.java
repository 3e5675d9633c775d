package dev.ponder.ui;

import atlantafx.base.theme.Styles;
import dev.ponder.answer.SavingsReport;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * "Savings (measured)" in the insights panel: the figures of {@link SavingsViewModel} and a small
 * chart of cumulative cost with and without sleep-time over the questions asked (the paper's
 * amortization curve, drawn with JavaFX's {@link LineChart}).
 */
final class SavingsPane extends VBox {

    /** Chart height in pixels: fits the side panel under the figures. */
    static final double CHART_HEIGHT = 180;
    /** What the y axis shows. */
    static final String Y_AXIS = "cumulative cost in tokens, weighted as above";

    SavingsPane(SavingsViewModel vm) {
        getStyleClass().add("savings-pane");
        setId("savings");

        Label title = new Label("Savings (measured)");
        title.getStyleClass().add("pane-title");

        Label headline = Shown.wrapping(new Label());
        headline.setId("savings-headline");
        headline.getStyleClass().addAll("savings-headline", Styles.TEXT_BOLD);
        headline.textProperty().bind(vm.headlineProperty());
        Shown.whenNotEmpty(headline);

        GridPane figures = new GridPane();
        figures.setId("savings-figures");
        figures.getStyleClass().add("savings-figures");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        figures.getColumnConstraints().addAll(labels, values);
        int row = 0;
        // short labels leave the values room on one line in a narrow column
        figures.add(heading("Cost per question"), 0, row++, 2, 1);
        addFigure(figures, row++, "with sleep-time", vm.costWithSleepTimeProperty(), "savings-cost-with");
        addFigure(figures, row++, "without", vm.costWithoutSleepTimeProperty(), "savings-cost-without");
        figures.add(heading("Questions"), 0, row++, 2, 1);
        addFigure(figures, row++, "answered", vm.questionsAskedProperty(), "savings-questions");
        addFigure(figures, row++, "prepared", vm.preparedAnswersProperty(), "savings-prepared");
        figures.add(heading("Tokens (measured)"), 0, row++, 2, 1);
        addFigure(figures, row++, "sleep-time", vm.sleepTimeTokensProperty(), "savings-sleep-tokens");
        addFigure(figures, row++, "test-time", vm.testTimeTokensProperty(), "savings-test-tokens");
        addFigure(figures, row, "baseline", vm.baselineTokensProperty(), "savings-baseline-tokens");

        Label weight = Shown.wrapping(new Label());
        weight.setId("savings-weight");
        weight.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        weight.textProperty().bind(vm.weightProperty());

        Label pending = Shown.wrapping(new Label());
        pending.setId("savings-pending");
        pending.getStyleClass().addAll("savings-pending", Styles.TEXT_SMALL);
        pending.textProperty().bind(vm.pendingProperty());
        Shown.whenNotEmpty(pending);

        LineChart<Number, Number> chart = chart(vm);
        // a vertical axis label longer than the 180 px chart is cut off: the y axis is named above it
        Label yAxis = Shown.wrapping(new Label(Y_AXIS));
        yAxis.setId("savings-chart-y-axis");
        yAxis.getStyleClass().addAll("savings-chart-caption", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        yAxis.visibleProperty().bind(chart.visibleProperty());
        yAxis.managedProperty().bind(yAxis.visibleProperty());

        VBox body = new VBox(6, figures, weight, pending, yAxis, chart);
        body.visibleProperty().bind(vm.stateProperty().isNotEqualTo(SavingsViewModel.SavingsState.NO_DOCUMENTS));
        body.managedProperty().bind(body.visibleProperty());

        setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(new Separator(), title, headline, body);
    }

    private static LineChart<Number, Number> chart(SavingsViewModel vm) {
        NumberAxis questions = new NumberAxis();
        questions.setLabel("questions asked");
        questions.setForceZeroInRange(true);
        questions.setMinorTickVisible(false);
        questions.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                // whole questions only: the axis picks fractional ticks for 1–3 questions
                return Math.abs(n.doubleValue() - Math.rint(n.doubleValue())) < 1e-9
                        ? Long.toString(Math.round(n.doubleValue())) : "";
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        NumberAxis cost = new NumberAxis();
        cost.setForceZeroInRange(true);
        cost.setMinorTickVisible(false);
        cost.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return TokenCounts.compact(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.valueOf(s);
            }
        });
        LineChart<Number, Number> chart = new LineChart<>(questions, cost);
        chart.setId("savings-chart");
        chart.getStyleClass().add("savings-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setLegendVisible(true);
        chart.setPrefHeight(CHART_HEIGHT);
        chart.setMinHeight(CHART_HEIGHT);
        chart.setMaxHeight(CHART_HEIGHT);
        chart.setMinWidth(0);
        XYChart.Series<Number, Number> with = new XYChart.Series<>();
        with.setName("with sleep-time");
        XYChart.Series<Number, Number> without = new XYChart.Series<>();
        without.setName("without");
        chart.getData().add(with);
        chart.getData().add(without);
        vm.curve().addListener((ListChangeListener<SavingsReport.CostPoint>) c -> {
            with.getData().setAll(vm.curve().stream()
                    .map(p -> new XYChart.Data<Number, Number>(p.questions(), p.withSleepTime())).toList());
            without.getData().setAll(vm.curve().stream()
                    .map(p -> new XYChart.Data<Number, Number>(p.questions(), p.withoutSleepTime())).toList());
            questions.setAutoRanging(false);
            questions.setLowerBound(0);
            questions.setUpperBound(Math.max(1, vm.curve().size() - 1));
            questions.setTickUnit(Math.max(1, Math.ceil((vm.curve().size() - 1) / 5.0)));
        });
        chart.visibleProperty().bind(vm.hasCurveProperty());
        chart.managedProperty().bind(chart.visibleProperty());
        return chart;
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("savings-heading", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return l;
    }

    private static void addFigure(GridPane grid, int row, String label, ObservableStringValue value, String id) {
        Label key = new Label(label);
        key.getStyleClass().addAll("fact-label", Styles.TEXT_MUTED);
        key.setMinWidth(Region.USE_PREF_SIZE);
        Label val = Shown.wrapping(new Label());
        val.setId(id);
        val.getStyleClass().add("fact-value");
        val.textProperty().bind(value);
        grid.addRow(row, key, val);
    }
}
