package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.answer.SavingsReport;
import dev.ponder.app.Ponder;
import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.SleepTimeListener;
import dev.ponder.sleeptime.SleepTimeStatus;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.VBox;
import dev.ponder.document.ImportOutcome;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.settings.Settings;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.LearnedContextRepository;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The insights panel in a real window on the real services (H2 file, importer, embedder, answer
 * service) with the Ollama-protocol test server: an anticipated question stored the way sleep-time
 * stores it is listed, and clicking it shows its prepared answer in the chat without a model call.
 */
@ExtendWith(ApplicationExtension.class)
class InsightsPanelTest {

    private static final Path SAMPLE = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
    private static final String QUESTION = "How many senators does each state have?";
    private static final String PREPARED = "Each state has two senators, chosen for six years.";

    @TempDir
    Path dataDir;

    private OllamaTestServer ollama;
    private Ponder ponder;
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        if (ponder != null) {
            ponder.close();
        }
        if (ollama != null) {
            ollama.close();
        }
    }

    @Test
    void clickingAnAnticipatedQuestionShowsItsPreparedAnswerWithoutAskingTheModel(FxRobot robot) throws Exception {
        ollama = OllamaTestServer.start();
        ollama.answerWith("The model was asked.");
        Settings settings = Settings.defaults(dataDir).withOllamaUrl(ollama.url())
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
        ponder = Ponder.open(settings);
        ImportOutcome outcome = ponder.libraryService().open(SAMPLE).get(90, TimeUnit.SECONDS);
        long doc = ((ImportOutcome.Imported) outcome).document().id();
        storeLearnedContext(doc);

        WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            PonderWindow window = TestWindows.show(stage, ponder);
            return window;
        }).get(30, TimeUnit.SECONDS);

        // nothing selected: the panel is about the whole library, here its one document
        // the insights column is built after the library list shows, and its list is filled again then (ADR 0018):
        // the link clicked is the one in the window once it is enabled
        waitFor(30, TimeUnit.SECONDS, () -> robot.lookup(".anticipated-question").tryQuery()
                .filter(n -> n.getScene() != null && !n.isDisabled()).isPresent());
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#savings-headline").tryQuery().isPresent()
                && text(robot, "#savings-headline").equals("No question answered yet."));
        Hyperlink link = robot.lookup(".anticipated-question").queryAs(Hyperlink.class);
        assertEquals("› " + QUESTION, link.getText());

        robot.clickOn(link);

        waitFor(20, TimeUnit.SECONDS, () -> text(robot, ".mode-mark.mode-prepared").equals("Prepared while you were away"));
        // the mode mark may show a frame before the bubble's Markdown is rendered
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".answer-text").queryAs(MarkdownView.class).text()
                .startsWith(PREPARED));
        assertEquals(QUESTION, text(robot, ".question-bubble"), "asked in the chat as the user's question");
        assertEquals(0, ollama.requestCount("/api/chat"), "no model call: " + ollama.requests());
        // the finished answer refreshes the savings: one question asked, answered at once
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#savings-questions").equals("1"));
        assertEquals("1 of 1", text(robot, "#savings-prepared"));
        assertEquals("not measured yet", text(robot, "#savings-baseline-tokens"));
        assertTrue(text(robot, "#savings-pending").startsWith("Baseline for 1 of 1 question not measured yet"),
                text(robot, "#savings-pending"));
    }

    @Test
    void theSavingsSectionShowsAScriptedReportsNumbersItsChartAndWhatIsNotMeasuredYet(FxRobot robot) throws Exception {
        SavingsReport report = new SavingsReport(12_400, 5, 3, 1_230, 3, 6_000, 800, 10,
                List.of(new SavingsReport.CostPoint(0, 12_400, 0), new SavingsReport.CostPoint(1, 12_400, 20_000),
                        new SavingsReport.CostPoint(2, 12_400, 40_000), new SavingsReport.CostPoint(3, 20_400, 60_000)));
        SavingsAccess scripted = new SavingsAccess() {
            @Override
            public SavingsReport report(Collection<Long> documentIds) {
                return report;
            }

            @Override
            public Map<Long, Integer> anticipatedBaselines(Collection<Long> ids) {
                return Map.of();
            }
        };
        SavingsViewModel vm = new SavingsViewModel(new FxUiExecutor(Runnable::run), scripted, NO_SLEEP_TIME);
        WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            VBox root = new VBox(new SavingsPane(vm));
            root.setPrefWidth(300);
            stage.setScene(new Scene(root));
            stage.show();
            vm.showDocuments(List.of(1L));
        }).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("2.9× less per question with sleep-time", text(robot, "#savings-headline"));
        assertEquals("6,800", text(robot, "#savings-cost-with"));
        assertEquals("20k", text(robot, "#savings-cost-without"));
        assertEquals("12,400 tokens", text(robot, "#savings-sleep-tokens"));
        assertEquals("1,230 tokens", text(robot, "#savings-test-tokens"));
        assertEquals("6,000 tokens (3 of 5 questions)", text(robot, "#savings-baseline-tokens"));
        assertEquals("3 of 5", text(robot, "#savings-prepared"));
        assertTrue(text(robot, "#savings-pending").startsWith(
                "Baseline for 2 of 5 questions not measured yet — Ponder measures it while you're away."));
        LineChart<?, ?> chart = robot.lookup("#savings-chart").queryAs(LineChart.class);
        assertTrue(chart.isVisible());
        assertEquals(List.of("with sleep-time", "without"), chart.getData().stream().map(XYChart.Series::getName).toList());
        assertEquals(4, chart.getData().get(0).getData().size());
        assertEquals(60_000.0, ((Number) chart.getData().get(1).getData().get(3).getYValue()).doubleValue());
        assertEquals(SavingsPane.Y_AXIS, text(robot, "#savings-chart-y-axis"));
        assertEquals("questions asked", ((javafx.scene.chart.Axis<?>) chart.getXAxis()).getLabel());
    }

    /** Sleep-time that never changes: the savings section only listens to it. */
    private static final SleepTimeAccess NO_SLEEP_TIME = new SleepTimeAccess() {
        @Override
        public SleepTimeStatus status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DocumentInsights> insights(long documentId) {
            // a document sleep-time has thought about: its learned context exists
            return Optional.of(new DocumentInsights(new dev.ponder.sleeptime.DocumentSleepState(documentId, "report.pdf",
                    dev.ponder.sleeptime.DocumentSleepState.Phase.READY, 1, "Ready: 0 questions anticipated", 0,
                    Optional.empty()), Optional.of(new dev.ponder.sleeptime.LearnedContext("Summary.", List.of(), List.of(),
                    List.of(), List.of())), Optional.empty(), 1, List.of(), 12_400, 0));
        }

        @Override
        public void addListener(SleepTimeListener listener) {
        }

        @Override
        public void removeListener(SleepTimeListener listener) {
        }

        @Override
        public void thinkNow() {
        }

        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public boolean paused() {
            return false;
        }
    };

    /** What sleep-time would have stored for the document: a c′ and one anticipated question with its answer. */
    private void storeLearnedContext(long doc) {
        LearnedContextRepository learned = new LearnedContextRepository(ponder.database());
        LearnedContextEntry c = learned.saveLearnedContext(doc, "key-" + doc, "sleep-model", "test", "{}",
                "Learned context.\n\nSummary: the Constitution of the United States.\n", 20, 2000, "learned-context");
        MiniLmEmbedder embedder = new MiniLmEmbedder();
        learned.saveAnticipatedQuestions(doc, c.id(), "questions-" + doc,
                List.of(new AnticipatedQuestion(0, doc, c.id(), 0, QUESTION, PREPARED, List.of(2),
                        embedder.embed(QUESTION), 1, 100, 20)), "anticipated-questions");
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
