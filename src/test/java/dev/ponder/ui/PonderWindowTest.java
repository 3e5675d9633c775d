package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.llm.ModelServer;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import dev.ponder.document.ImportOutcome;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window with in-memory services: how it reacts to a person's drops, keys and clicks. */
@ExtendWith(ApplicationExtension.class)
class PonderWindowTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final InMemoryLibrary library = new InMemoryLibrary();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> browsed = new CopyOnWriteArrayList<>();
    private PonderWindow window;

    @Start
    void start(Stage stage) {
        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        library.documents.put(5L, InMemoryLibrary.entry(5, "locked.pdf", DocumentStatus.NEEDS_PASSWORD,
                "This PDF is protected with a password."));
        ModelServer server = new ReadyModelServer();
        Answering answering = (request, listener) -> {
            String q = request.question();
            List<Long> scope = request.scope();
            asked.add(q);
            if (q.startsWith("slow")) {
                CountDownLatch stopped = new CountDownLatch(1);
                background.execute(() -> {
                    listener.onText("The warr");
                    try {
                        stopped.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    listener.onFinished(new Exchange(2, q, "The warr", Exchange.MODE_BASELINE,
                            Exchange.Status.STOPPED, Optional.empty(), Optional.of("llama3.2"), 0, 0, Optional.of(10L),
                            1200, scope, List.of(), Instant.now()));
                });
                return stopped::countDown;
            }
            background.execute(() -> {
                listener.onText("27 months ");
                listener.onText("[p. 1].");
                listener.onFinished(new Exchange(1, q, "27 months [p. 1].", Exchange.MODE_BASELINE,
                        Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 100, 5, Optional.of(10L),
                        20, scope, List.of(new Citation(1, "warranty.pdf", 1)), Instant.now()));
            });
            return () -> { };
        };
        window = TestWindows.show(stage, new FxUiExecutor(background), library, answering, new InMemoryChatHistory(), server, browsed::add);
    }

    @AfterEach
    void shutDown() {
        background.shutdownNow();
    }

    @Test
    void aNoticeStaysUntilDismissedAndTellsWhoRemembersIt(FxRobot robot) throws Exception {
        List<String> dismissed = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> window.showNotice("Your documents' text is sent to 192.0.2.10 for answers "
                + "and thinking. It is not encrypted (http).", () -> dismissed.add("yes"))).get();
        assertTrue(robot.lookup("#notice-text").queryAs(Label.class).getText().contains("sent to 192.0.2.10"));
        assertTrue(robot.lookup("#notice").query().isVisible());

        robot.clickOn("#notice-dismiss");
        WaitForAsyncUtils.waitForFxEvents();

        assertFalse(robot.lookup("#notice").query().isVisible());
        assertEquals(List.of("yes"), dismissed);
    }

    @Test
    void filesDraggedOntoTheWindowAreOpened(FxRobot robot) throws Exception {
        Path a = Path.of("sample-docs/a.pdf").toAbsolutePath();
        Path b = Path.of("sample-docs/b.pdf").toAbsolutePath();
        FileDragSource source = WaitForAsyncUtils.asyncFx(() -> new FileDragSource(
                robot.lookup("#ponder-root").queryAs(javafx.scene.layout.StackPane.class), List.of(a, b))).get();
        try {
            robot.drag(source.handle()).moveTo("#conversation");
            assertTrue(robot.lookup(".drop-overlay").query().isVisible(), "the window shows it will take the files");
            robot.drop();
            waitFor(5, TimeUnit.SECONDS, () -> library.opened.size() == 2);
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(robot.lookup(".drop-overlay").query().isVisible());
            assertEquals(List.of(a, b), library.opened);
            // neither import has started: both show at once, waiting their turn
            assertEquals(List.of("a.pdf", "b.pdf"), robot.lookup(".document-cell.state-queued .document-name")
                    .queryAllAs(Label.class).stream().map(Label::getText).toList());
            assertEquals(List.of("Waiting", "Waiting"), robot.lookup(".document-cell.state-queued .document-status")
                    .queryAllAs(Label.class).stream().map(Label::getText).toList());
        } finally {
            robot.interact(source::remove);
        }
    }

    @Test
    void enterAsksAndTheAnswerStreamsWithItsCitation(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> !window.viewModel().library().documents().isEmpty());
        TextField field = robot.lookup("#question").queryAs(TextField.class);
        assertTrue(field.isFocused(), "the question field has the keyboard focus");
        robot.write("What is the warranty?").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".citation-chip").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("What is the warranty?"), asked);
        assertEquals("p. 1", robot.lookup(".citation-chip").queryAs(Button.class).getText());
        assertEquals("27 months [p. 1].", robot.lookup(".answer-text").queryAs(MarkdownView.class).text());
        assertEquals("Ask", robot.lookup("#ask-button").queryAs(Button.class).getText());
    }

    @Test
    void escapeStopsAStreamingAnswerWhichStaysMarkedStopped(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> !window.viewModel().library().documents().isEmpty());
        robot.write("slow question").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> "The warr".equals(robot.lookup(".answer-text").queryAs(MarkdownView.class).text()));
        assertEquals("Stop", robot.lookup("#ask-button").queryAs(Button.class).getText());

        robot.type(KeyCode.ESCAPE);

        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".answer-bubble.stopped").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("stopped after 1.2 s", robot.lookup(".answer-footer").queryAs(Label.class).getText());
        assertEquals("Ask", robot.lookup("#ask-button").queryAs(Button.class).getText());
    }

    @Test
    void encryptedPdfAsksForItsPasswordAgainWhenWrongAndCancelLeavesItWaiting(FxRobot robot) throws Exception {
        Path file = Path.of("/docs/secret.pdf");
        var needs = InMemoryLibrary.entry(9, "secret.pdf", DocumentStatus.NEEDS_PASSWORD, "It is encrypted.");
        robot.interact(() -> window.open(List.of(file)));
        library.pending.get(0).complete(new ImportOutcome.NeedsPassword(file, needs, false));
        waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        assertEquals("secret.pdf is protected with a password.", showingDialog(robot).orElseThrow().getHeaderText());

        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#password-field").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
        robot.clickOn("#password-field").write("guess").clickOn("Open");
        waitFor(5, TimeUnit.SECONDS, () -> library.passwords.size() == 1);
        assertEquals(List.of("guess"), library.passwords);

        library.pending.get(1).complete(new ImportOutcome.NeedsPassword(file, needs, true));
        waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot)
                .filter(d -> d.getHeaderText().equals("That password did not open secret.pdf. Try again."))
                .isPresent());
        robot.clickOn(showingDialog(robot).orElseThrow().lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(showingDialog(robot).isEmpty());
        assertEquals("Needs password", robot.lookup(".document-cell.state-password .document-status")
                .queryAs(Label.class).getText());
    }

    @Test
    void aDocumentWaitingForItsPasswordOffersEnterPasswordInInsightsAndInItsRowMenu(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().library().find(5) != null);
        // the list draws its cells at the next pulse after the library was read
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".document-cell").queryAll().stream()
                .anyMatch(n -> n instanceof DocumentCell cell && cell.getItem() != null
                        && "locked.pdf".equals(cell.getItem().fileName())));
        robot.clickOn(cellNamed(robot, "locked.pdf"));
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#insights-password").query().isVisible());
        assertEquals("Asking about warranty.pdf · locked.pdf is left out until it has its password",
                robot.lookup("#scope").queryAs(Label.class).getText());

        robot.clickOn("#insights-password");
        waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        assertEquals("locked.pdf is protected with a password.", showingDialog(robot).orElseThrow().getHeaderText());
        robot.clickOn(showingDialog(robot).orElseThrow().lookupButton(javafx.scene.control.ButtonType.CANCEL));
        waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isEmpty());

        robot.rightClickOn(cellNamed(robot, "locked.pdf")).clickOn("Enter password…");
        waitFor(5, TimeUnit.SECONDS, () -> showingDialog(robot).isPresent());
        waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#password-field").match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
        robot.clickOn("#password-field").write("s3cret").clickOn("Open");
        waitFor(5, TimeUnit.SECONDS, () -> library.passwords.size() == 1);
        assertEquals(List.of("s3cret"), library.passwords);
        assertEquals(Path.of("/docs/locked.pdf"), library.opened.get(0));

        robot.clickOn(cellNamed(robot, "warranty.pdf"));
        waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#insights-password").query().isVisible());
    }

    @Test
    void filesHandedOverWithTheWindowAreOpenedOnceItsFirstFrameIsUp(FxRobot robot) throws Exception {
        InMemoryLibrary other = new InMemoryLibrary();
        Path file = Path.of("/docs/handed-over.pdf");
        List<Path> openedBeforeFirstFrame = new CopyOnWriteArrayList<>();
        Stage[] second = new Stage[1];
        robot.interact(() -> {
            second[0] = new Stage();
            PonderWindow w = TestWindows.show(second[0], new FxUiExecutor(background), other,
                    (request, listener) -> () -> { }, new InMemoryChatHistory(), new ReadyModelServer(), url -> { });
            w.open(List.of(file)); // as the application does right after show()
            openedBeforeFirstFrame.addAll(other.opened);
        });
        try {
            assertEquals(List.of(), openedBeforeFirstFrame, "nothing competes with the first paint");
            waitFor(5, TimeUnit.SECONDS, () -> other.opened.equals(List.of(file)));
            waitFor(5, TimeUnit.SECONDS, () -> other.listenerCount() == 1);
        } finally {
            robot.interact(second[0]::close);
        }
    }

    private static javafx.scene.Node cellNamed(FxRobot robot, String name) {
        return robot.lookup(".document-cell").queryAll().stream()
                .filter(n -> n instanceof DocumentCell cell && cell.getItem() != null && name.equals(cell.getItem().fileName()))
                .findFirst().orElseThrow();
    }

    private static Optional<DialogPane> showingDialog(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(d -> d.getScene() != null && d.getScene().getWindow() != null && d.getScene().getWindow().isShowing())
                .findFirst();
    }
}
