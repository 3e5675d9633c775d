package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.answer.SavingsReport;
import dev.ponder.settings.Advice;
import dev.ponder.settings.DataFolders;
import dev.ponder.settings.Settings;
import dev.ponder.settings.SettingsStore;
import dev.ponder.sleeptime.DocumentInsights;
import dev.ponder.sleeptime.DocumentSleepState;
import dev.ponder.sleeptime.LearnedContext;
import dev.ponder.sleeptime.MonotonicClock;
import dev.ponder.sleeptime.SleepStep;
import dev.ponder.sleeptime.SleepTimeState;
import dev.ponder.sleeptime.SleepTimeStatus;
import dev.ponder.sleeptime.SystemIdle;
import dev.ponder.sleeptime.UserActivity;
import dev.ponder.store.AnticipatedQuestion;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window as a person sees it, on scripted services (library, chat history, sleep-time,
 * savings) so each state can be set up at once: every sentence is whole (wrapped, or complete on
 * hover), every control keeps its label at the 900 px minimum width, the first frame is not blank,
 * the anticipated questions have room and a filter, an export confirms, and the sleep-time panel,
 * the savings section and Settings say what is true in words the window can act on.
 */
@ExtendWith(ApplicationExtension.class)
class WindowSaysItWhollyTest {

    @TempDir
    Path dir;

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final InMemoryLibrary library = new InMemoryLibrary();
    private final InMemoryChatHistory history = new InMemoryChatHistory();
    private final ScriptedSleepTime sleepTime = new ScriptedSleepTime();

    {
        sleepTime.status = status(SleepTimeState.READY, "Ready: 12 questions anticipated");
    }
    private final List<Path> foldersOpened = new CopyOnWriteArrayList<>();
    private volatile boolean nothingPrepared;
    private Stage stage;
    private PonderWindow window;

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
        background.shutdownNow();
    }

    private static SleepTimeStatus status(SleepTimeState state, String sentence) {
        return ScriptedSleepTime.status(state, sentence);
    }

    private final SavingsAccess savings = new SavingsAccess() {
        @Override
        public SavingsReport report(Collection<Long> documentIds) {
            return new SavingsReport(12_400, 1, 0, 700, 1, 800, 700, 10,
                    List.of(new SavingsReport.CostPoint(0, 12_400, 0), new SavingsReport.CostPoint(1, 19_400, 8_000)));
        }

        @Override
        public Map<Long, Integer> anticipatedBaselines(Collection<Long> ids) {
            return Map.of();
        }
    };

    private static DocumentInsights insights(long id, String name, DocumentSleepState.Phase phase, String sentence,
                                             int questions, boolean learnedContext) {
        List<AnticipatedQuestion> qs = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            String q = i % 3 == 0 ? "How long is the warranty on part " + i + "?"
                    : i % 3 == 1 ? "Who pays for shipping of order " + i + "?" : "What is the hotline number for region " + i + "?";
            qs.add(new AnticipatedQuestion(id * 100 + i, id, 1, i, q, "Prepared.", List.of(1), new float[0], 1, 10, 5));
        }
        return new DocumentInsights(new DocumentSleepState(id, name, phase, 1, sentence, questions, Optional.empty()),
                learnedContext ? Optional.of(new LearnedContext("Summary of " + name + ".", List.of(), List.of(), List.of(),
                        List.of())) : Optional.empty(), Optional.empty(), learnedContext ? 1 : 0, qs, 100, 50);
    }

    /** The window, with two documents (one with a long name and a long failure) and a question answered. */
    private void show(FxRobot robot) throws Exception {
        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        library.documents.put(2L, InMemoryLibrary.entry(2, "scanned-board-minutes-of-the-annual-general-meeting.pdf",
                DocumentStatus.FAILED, "This PDF has no text layer — it looks scanned. Ponder cannot read scanned pages yet."));
        sleepTime.insights.put(1L, insights(1, "warranty.pdf", DocumentSleepState.Phase.READY,
                "Ready: 12 questions anticipated", 12, true));
        Answering answering = (request, listener) -> {
            background.execute(() -> {
                listener.onText("27 months [p. 1].");
                listener.onFinished(history.save(new Exchange(0, request.question(), "27 months [p. 1].",
                        Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 100, 5,
                        Optional.of(10L), 20, request.scope(), List.of(new Citation(1, "warranty.pdf", 1)), Instant.now())));
            });
            return () -> { };
        };
        window = WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            // the settings' data folders are the test's, never the real home's
            WindowParts parts = new WindowParts(library, answering, history, new ReadyModelServer(),
                    Optional.of(new WindowParts.SleepTimeParts(sleepTime, savings,
                            new UserActivity(MonotonicClock.system(), SystemIdle.none()))),
                    Optional.of(new WindowParts.SettingsParts(SettingsStore.persisted(Settings.defaults(dir)),
                            new DataFolders(dir, dir, false))));
            PonderWindow w = TestWindows.show(stage, new FxUiExecutor(background), parts, url -> { });
            w.setFolderOpener(foldersOpened::add);
            return w;
        }).get(30, TimeUnit.SECONDS);
        waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".anticipated-question").tryQuery().isPresent());
    }

    @Test
    void theFirstFrameShowsTheWindowsSkeletonNotABlankWindow(FxRobot robot) throws Exception {
        AtomicReference<List<String>> firstFrame = new AtomicReference<>();
        AtomicReference<String> firstRoot = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            stage = new Stage();
            window = TestWindows.show(stage, new FxUiExecutor(background), library, (r, l) -> () -> { }, history,
                    new ReadyModelServer(), url -> { });
            Scene scene = stage.getScene();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                firstRoot.set(scene.getRoot().getId());
                firstFrame.set(labels(scene.getRoot()).stream().map(Labeled::getText).toList());
            };
            scene.addPostLayoutPulseListener(once[0]);
        }).get(30, TimeUnit.SECONDS);

        waitFor(10, TimeUnit.SECONDS, () -> firstFrame.get() != null);
        assertEquals(Skeleton.ID, firstRoot.get(), "the first frame is the skeleton");
        assertEquals(List.of("Library", "Chat", "Insights"), firstFrame.get(), "its three panes, titled");
        waitFor(10, TimeUnit.SECONDS, () -> "ponder-root".equals(stage.getScene().getRoot().getId()));
        // then the whole window, its controls' skins made at its first pulse
        waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> stage.getScene().getRoot().lookup("#question")
                != null).get(10, TimeUnit.SECONDS));
    }

    @Test
    void atTheMinimumWidthEveryControlKeepsItsLabelAndEverySentenceIsWholeOrOnHover(FxRobot robot) throws Exception {
        show(robot);
        robot.clickOn("#question").write("How long is the warranty?");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".copy-button").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(900, stage.getWidth(), 1);

        List<String> cut = cutOff(stage.getScene().getRoot());
        assertTrue(cut.isEmpty(), "cut off, with the whole text nowhere on hover: " + cut);
        assertEquals("Think now", shown(robot.lookup("#think-now").queryAs(Labeled.class)));
    }

    @Test
    void anticipatedQuestionsHaveTheRoomTheyNeedAndCanBeFiltered(FxRobot robot) throws Exception {
        show(robot);
        List<Integer> scrollers = WaitForAsyncUtils.asyncFx(() -> robot.lookup(".anticipated-question")
                .queryAllAs(Hyperlink.class).stream().map(WindowSaysItWhollyTest::scrollPanesAbove).toList())
                .get(10, TimeUnit.SECONDS);
        assertEquals(12, scrollers.size());
        assertTrue(scrollers.stream().allMatch(n -> n == 1), "only the insights column scrolls, no list inside it: "
                + scrollers);
        assertEquals("Anticipated questions (12) — click one to ask it", robot.lookup("#anticipated-title").queryAs(Label.class).getText());

        robot.clickOn("#anticipated-filter").write("shipping");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = robot.lookup(".anticipated-question").queryAllAs(Hyperlink.class).stream()
                .map(Hyperlink::getText).toList();
        assertEquals(4, shown.size(), shown.toString());
        assertTrue(shown.stream().allMatch(q -> q.contains("shipping")), shown.toString());
        assertEquals("4 of 12 anticipated questions — click one to ask it",
                robot.lookup("#anticipated-title").queryAs(Label.class).getText());
    }

    @Test
    void anExportSaysWhereTheFileIsAndOpensItsFolder(FxRobot robot) throws Exception {
        show(robot);
        robot.clickOn("#question").write("How long is the warranty?");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().chat().canExportProperty().get());
        Path file = dir.resolve("Warranty questions.md");

        robot.interact(() -> window.export(file));

        waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file) && robot.lookup("#notice-action").tryQuery().isPresent());
        assertEquals("Conversation exported to Warranty questions.md in " + dir.toAbsolutePath() + ".",
                robot.lookup("#notice-text").queryAs(Label.class).getText());
        robot.clickOn("#notice-action");
        waitFor(10, TimeUnit.SECONDS, () -> !foldersOpened.isEmpty());
        assertEquals(dir.toAbsolutePath(), foldersOpened.get(0));
    }

    @Test
    void theSleepTimePanelNeverContradictsItselfAndSaysItsOwnButton(FxRobot robot) throws Exception {
        show(robot);
        sleepTime.insights.put(2L, insights(2, "report.pdf", DocumentSleepState.Phase.WAITING_FOR_IDLE,
                "Waiting until you are away", 0, false));

        SleepTimeStatus thinking = new SleepTimeStatus(SleepTimeState.THINKING,
                "Thinking about warranty.pdf — section 139 of 512", OptionalLong.of(1), Optional.of("warranty.pdf"),
                Optional.of(ScriptedSleepTime.NOTES_STEP), 138, 512, 0.2, 0, 1, 0);
        robot.interact(() -> sleepTime.publish(thinking));
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#sleep-sentence").startsWith("Thinking about warranty.pdf"));
        assertEquals("", text(robot, "#sleep-document"), "no 'Waiting until you are away' under it");

        String failures = "Could not finish thinking about warranty.pdf and report.pdf: Ollama failed while answering "
                + "(“boom”) — " + Advice.AGAIN + "; if it keeps failing, restart Ollama.";
        robot.interact(() -> sleepTime.publish(status(SleepTimeState.RETRY_LATER, failures)));
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#sleep-sentence").startsWith("Could not finish"));
        assertEquals("Could not finish thinking about warranty.pdf and report.pdf: Ollama failed while answering "
                + "(“boom”) — press Think now; if it keeps failing, restart Ollama.", text(robot, "#sleep-sentence"));
        assertTrue(robot.lookup("#think-now").query().isVisible(), "the button the sentence names is there");
    }

    @Test
    void whileNothingIsPreparedTheSavingsSaySoAndNotThatTokensAreShared(FxRobot robot) throws Exception {
        sleepTime.status = status(SleepTimeState.RETRY_LATER, "Could not finish thinking about warranty.pdf: boom");
        show(robot);
        robot.interact(() -> sleepTime.insights.put(1L, insights(1, "warranty.pdf", DocumentSleepState.Phase.FAILED,
                "Thinking failed: boom", 0, false)));
        robot.interact(() -> sleepTime.publish(status(SleepTimeState.RETRY_LATER, "Could not finish thinking: boom.")));
        waitFor(10, TimeUnit.SECONDS, () -> text(robot, "#savings-headline").startsWith("Nothing is prepared yet"));
        assertEquals("Nothing is prepared yet: 12,400 tokens spent on sleep-time so far, and no learned context or "
                + "prepared answer is ready.", text(robot, "#savings-headline"));
        assertFalse(text(robot, "#savings-headline").contains("shared"));
    }

    @Test
    void importProgressSaysOneMeasureInWordsThatMatchIt(FxRobot robot) throws Exception {
        show(robot);
        robot.interact(() -> library.change(3, "big.pdf", DocumentStatus.IMPORTING, null));
        robot.interact(() -> library.progress(3, "Reading page 196 of 196", 0.35));
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".document-cell.state-importing").tryQuery().isPresent());
        assertEquals("Reading page 196 of 196", robot.lookup(".document-cell.state-importing .document-status")
                .queryAs(Label.class).getText());
    }

    @Test
    void settingsSpeakPlainWordsWithThePapersNotationInTheHelpAndOfferTheDeadlineAndTheFolder(FxRobot robot)
            throws Exception {
        show(robot);
        robot.interact(() -> window.showSettings());
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-deadline").tryQuery().isPresent());
        List<String> texts = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null) {
                labels(w.getScene().getRoot()).forEach(l -> texts.add(l.getText()));
            }
        }
        for (String label : List.of("Answer deadline (seconds)", "Drafts compared while away (k)",
                "Questions anticipated per draft (M)", "Answer length (tokens)", "Reading limit (tokens)",
                "Match needed for a prepared answer", "Weight of an answer token vs a sleep-time token", "Data folder")) {
            assertTrue(texts.contains(label), label + " in " + texts);
        }
        assertFalse(texts.stream().anyMatch(t -> t.contains("Parallel generations") || t.contains("Answer budget b")
                || t.contains("Test-time weight w") || t.contains("Context cap")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("(the test-time budget b)")), "b is in its help");
        assertTrue(texts.stream().anyMatch(t -> t.contains("(k, parallel generations")), "k is in its help");
        assertTrue(texts.stream().anyMatch(t -> t.contains("w in cost = w × test-time tokens")), "w is in its help");
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Where your library is kept. Takes effect the next time "
                + "Ponder starts")), "the folder's help says when");
        assertFalse(texts.stream().anyMatch(t -> t.contains("--data-dir") || t.contains("--stream-timeout")),
                "no sentence sends the person to the command line: " + texts);

        Path other = dir.resolve("library2").toAbsolutePath();
        TextField folder = robot.lookup("#settings-data-dir").queryAs(TextField.class);
        robot.interact(() -> folder.setText(other.toString()));
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#settings-folder-note").queryAs(Label.class).isVisible());
        assertEquals("Ponder uses " + other + " from its next start. The library in " + dir
                + " stays there; a folder without a library starts with an empty one.",
                robot.lookup("#settings-folder-note").queryAs(Label.class).getText());
    }

    // ---------------------------------------------------------------- helpers

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().filter(Node::isVisible).map(n -> ((Label) n).getText()).orElse("");
    }

    /** Every Labeled under {@code root}, in scene order. */
    private static List<Labeled> labels(Parent root) {
        List<Labeled> out = new ArrayList<>();
        walk(root, n -> {
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                out.add(l);
            }
        });
        return out;
    }

    private static void walk(Node node, java.util.function.Consumer<Node> visit) {
        visit.accept(node);
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> walk(c, visit));
        }
    }

    /** What a labeled shows, from its skin's text node (with "…" where it was cut). */
    private static String shown(Labeled l) {
        return l.lookupAll(".text").stream().filter(n -> n instanceof Text && n.getParent() == l)
                .map(n -> ((Text) n).getText()).findFirst().orElse(l.getText());
    }

    /**
     * Visible labels and buttons whose text is cut short (the skin shows "…") and whose whole text
     * is not in a tooltip on them or a node above them.
     */
    private static List<String> cutOff(Parent root) {
        List<String> out = new ArrayList<>();
        for (Labeled l : labels(root)) {
            if (!l.isVisible() || !treeVisible(l) || shown(l).equals(l.getText())) {
                continue;
            }
            if (!onHover(l, l.getText())) {
                out.add((l.getId() != null ? "#" + l.getId() : l.getStyleClass().toString()) + " “" + l.getText()
                        + "” shown as “" + shown(l) + "”");
            }
        }
        return out;
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean onHover(Node n, String whole) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p instanceof Control c && c.getTooltip() != null && c.getTooltip().getText() != null
                    && c.getTooltip().getText().contains(whole)) {
                return true;
            }
        }
        return false;
    }

    private static int scrollPanesAbove(Node n) {
        int count = 0;
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane) {
                count++;
            }
        }
        return count;
    }
}
