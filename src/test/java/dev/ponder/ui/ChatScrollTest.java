package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.answer.AnswerListener;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The conversation keeps the newest message in view, unless the reader has scrolled up. */
@ExtendWith(ApplicationExtension.class)
class ChatScrollTest {

    private static final String LONG_ANSWER = ("The compressor is covered for 27 months from delivery, as long as "
            + "the yearly service is done by an authorised technician. ").repeat(6);

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final InMemoryLibrary library = new InMemoryLibrary();
    private final AtomicReference<AnswerListener> streaming = new AtomicReference<>();
    private PonderWindow window;

    @Start
    void start(Stage stage) {
        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        List<Exchange> history = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            history.add(exchange(i, "Earlier question " + i + "?", LONG_ANSWER, List.of(new Citation(1, "warranty.pdf", i))));
        }
        Answering answering = (request, listener) -> {
            streaming.set(listener);
            return () -> { };
        };
        window = TestWindows.show(stage, new FxUiExecutor(background), library, answering, new InMemoryChatHistory(history),
                new ReadyModelServer(), url -> { });
    }

    @AfterEach
    void shutDown() {
        background.shutdownNow();
    }

    @Test
    void restoredHistoryOpensAtTheNewestExchange(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> exchanges(robot).size() == 25);
        waitFor(5, TimeUnit.SECONDS, () -> bottomInView(robot, last(exchanges(robot))));
    }

    @Test
    void aSentQuestionAndItsStreamingAnswerFollowTheBottomUntilTheFooter(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> exchanges(robot).size() == 25);
        robot.clickOn("#question").write("How long is the warranty?").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> streaming.get() != null);
        waitFor(5, TimeUnit.SECONDS, () -> exchanges(robot).size() == 26
                && bottomInView(robot, robot.lookup(".question-bubble").queryAll().stream().reduce((a, b) -> b).orElseThrow()));

        for (int i = 0; i < 12; i++) {
            streaming.get().onText(LONG_ANSWER);
            WaitForAsyncUtils.waitForFxEvents();
        }
        waitFor(5, TimeUnit.SECONDS, () -> bottomInView(robot, last(robot.lookup(".answer-text").queryAll())));

        streaming.get().onFinished(exchange(26, "How long is the warranty?", LONG_ANSWER.repeat(12),
                List.of(new Citation(1, "warranty.pdf", 1), new Citation(1, "warranty.pdf", 3))));
        waitFor(5, TimeUnit.SECONDS, () -> last(robot.lookup(".answer-footer").queryAll()).isVisible()
                && bottomInView(robot, last(robot.lookup(".answer-footer").queryAll())));
    }

    @Test
    void aReaderWhoScrolledUpIsNotPulledDownByTheStreamingAnswer(FxRobot robot) throws Exception {
        waitFor(5, TimeUnit.SECONDS, () -> exchanges(robot).size() == 25);
        robot.clickOn("#question").write("How long is the warranty?").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> streaming.get() != null);
        streaming.get().onText(LONG_ANSWER);
        waitFor(5, TimeUnit.SECONDS, () -> bottomInView(robot, last(robot.lookup(".answer-text").queryAll())));

        ScrollPane scroller = robot.lookup("#conversation").queryAs(ScrollPane.class);
        wheelUp(robot, scroller, 600);
        waitFor(5, TimeUnit.SECONDS, () -> scroller.getVvalue() < 0.99);
        WaitForAsyncUtils.waitForFxEvents();
        Node reading = robot.lookup(".exchange").queryAll().stream()
                .filter(n -> bottomInView(robot, n)).findFirst().orElseThrow();
        double readingTop = reading.localToScene(reading.getLayoutBounds()).getMinY();
        for (int i = 0; i < 6; i++) {
            streaming.get().onText(LONG_ANSWER);
            WaitForAsyncUtils.waitForFxEvents();
        }
        streaming.get().onFinished(exchange(26, "How long is the warranty?", LONG_ANSWER.repeat(7), List.of()));
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertTrue(scroller.getVvalue() < scroller.getVmax(), "still scrolled up");
        assertEquals(readingTop, reading.localToScene(reading.getLayoutBounds()).getMinY(), 2,
                "what the reader was reading holds still");
        assertFalse(bottomInView(robot, last(robot.lookup(".answer-text").queryAll())));

        // sending the next question brings the view back to the bottom
        robot.clickOn("#question").write("And the parts?").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> exchanges(robot).size() == 27
                && bottomInView(robot, last(robot.lookup(".question-bubble").queryAll())));
    }

    /**
     * A mouse-wheel turn over the conversation. (TestFX's robot wheel on Monocle sends 1-pixel
     * steps, so the test sends the event a real wheel sends.)
     */
    private static void wheelUp(FxRobot robot, ScrollPane scroller, double pixels) {
        robot.interact(() -> {
            Bounds b = scroller.localToScreen(scroller.getLayoutBounds());
            // aimed inside the viewport, where ScrollPaneSkin listens for the wheel
            javafx.event.Event.fireEvent(scroller.getContent(), new ScrollEvent(ScrollEvent.SCROLL, b.getWidth() / 2,
                    b.getHeight() / 2, b.getCenterX(), b.getCenterY(), false, false, false, false, false, false,
                    0, pixels, 0, pixels, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                    ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
        });
    }

    private static List<Node> exchanges(FxRobot robot) {
        return List.copyOf(robot.lookup(".exchange").queryAll());
    }

    private static Node last(java.util.Collection<Node> nodes) {
        return nodes.stream().reduce((a, b) -> b).orElseThrow();
    }

    /** True when the node's bottom edge lies inside the conversation's viewport. */
    private static boolean bottomInView(FxRobot robot, Node node) {
        ScrollPane scroller = robot.lookup("#conversation").queryAs(ScrollPane.class);
        Bounds viewport = scroller.localToScene(scroller.getLayoutBounds());
        Bounds b = node.localToScene(node.getLayoutBounds());
        return node.getScene() != null && b.getMaxY() <= viewport.getMaxY() + 1 && b.getMaxY() >= viewport.getMinY();
    }

    private static Exchange exchange(long id, String q, String answer, List<Citation> citations) {
        return new Exchange(id, q, answer, Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(),
                Optional.of("llama3.2"), 800, 140, Optional.of(500L), 2400, List.of(), citations, Instant.now());
    }
}
