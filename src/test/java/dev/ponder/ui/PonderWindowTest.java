package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.answer.AnswerService;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
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
    private PonderWindow window;

    @Start
    void start(Stage stage) {
        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        ModelServer server = new ModelServer() {
            @Override
            public ServerStatus check() {
                return new ServerStatus(URI.create("http://localhost:11434"), true, Optional.of("0.12"),
                        List.of("llama3.2"), "llama3.2", 8192, Optional.empty());
            }

            @Override
            public LanguageModel chatModel() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
            }
        };
        Answering answering = (q, scope, listener) -> {
            asked.add(q);
            background.execute(() -> {
                listener.onText("27 months ");
                listener.onText("[p. 1].");
                listener.onFinished(new Exchange(1, q, "27 months [p. 1].", AnswerService.MODE_BASELINE,
                        Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 100, 5, Optional.of(10L),
                        20, scope, List.of(new Citation(1, "warranty.pdf", 1)), Instant.now()));
            });
            return () -> { };
        };
        window = PonderWindow.show(stage, new FxUiExecutor(background), library, answering, limit -> List.of(), server);
    }

    @AfterEach
    void shutDown() {
        background.shutdownNow();
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
        assertEquals("27 months [p. 1].", robot.lookup(".answer-text").queryAs(Label.class).getText());
        assertEquals("Ask", robot.lookup("#ask-button").queryAs(Button.class).getText());
    }
}
