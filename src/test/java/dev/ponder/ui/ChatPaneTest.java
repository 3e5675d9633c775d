package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import com.sun.net.httpserver.HttpServer;
import dev.ponder.answer.AnswerListener;
import dev.ponder.answer.AnswerRequest;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Hyperlink;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chat pane in a real window: Markdown answers, links, answer modes and conversations. */
@ExtendWith(ApplicationExtension.class)
class ChatPaneTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final InMemoryLibrary library = new InMemoryLibrary();
    private final List<String> browsed = new CopyOnWriteArrayList<>();
    private final List<AnswerRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<AnswerListener> streaming = new AtomicReference<>();
    private final AtomicInteger httpRequests = new AtomicInteger();
    private InMemoryChatHistory history;
    private HttpServer server;
    private String base;
    private PonderWindow window;

    @Start
    void start(Stage stage) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            httpRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();

        library.documents.put(1L, InMemoryLibrary.entry(1, "warranty.pdf", DocumentStatus.READY, null));
        Instant t0 = Instant.now().minusSeconds(3600);
        history = new InMemoryChatHistory();
        history.save(new Exchange(1, "What does the older warranty say?", "It said 12 months.", Exchange.MODE_BASELINE,
                Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 500, 20, Optional.of(300L), 900,
                List.of(1L), List.of(), t0));
        Exchange markdown = history.save(new Exchange(2, "Show me the warranty terms",
                """
                The **compressor** is covered for *27 months* [p. 1].

                ![x](%1$s/img.png)

                - parts: see [the terms](%1$s/terms) [p. 3]
                - labour: [call us](javascript:alert(1))

                | part | months |
                |---|---:|
                | compressor | 27 |
                | fan | 12 |
                """.formatted(base),
                Exchange.MODE_PREPARED, Exchange.Status.ANSWERED, Optional.empty(), Optional.empty(), 0, 0,
                Optional.of(2L), 30, List.of(1L), List.of(new Citation(1, "warranty.pdf", 1), new Citation(1, "warranty.pdf", 3)),
                t0.plusSeconds(60), 0, Optional.of(0.93), Optional.of(4L)));
        Answering answering = (request, listener) -> {
            requests.add(request);
            streaming.set(listener);
            return () -> { };
        };
        window = TestWindows.show(stage, new FxUiExecutor(background), library, answering, history,
                new ReadyModelServer(), browsed::add);
        assertEquals(2, markdown.id());
    }

    @AfterEach
    void shutDown() {
        background.shutdownNow();
        server.stop(0);
    }

    @Test
    void anImageInAnAnswerIsShownAsItsAltTextAndNeverFetched(FxRobot robot) {
        MarkdownView answer = answerShown(robot);
        assertTrue(answer.text().contains("[image: x]"), answer.text());
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS); // time for any request an image would make
        assertEquals(0, httpRequests.get(), "nothing was fetched from " + base);
        assertTrue(robot.lookup(".conversation ImageView").queryAllAs(ImageView.class).isEmpty());
    }

    @Test
    void aLinkOpensInTheBrowserOnlyWhenClickedAndOnlyWhenItIsHttpOrMailto(FxRobot robot) throws Exception {
        answerShown(robot);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(List.of(), browsed, "showing an answer opens nothing");
        List<String> links = robot.lookup(".answer-text .md-link").queryAllAs(Hyperlink.class).stream()
                .map(Hyperlink::getText).toList();
        assertEquals(List.of("the terms"), links, "the javascript: link is text, not a link");

        robot.clickOn(robot.lookup(".answer-text .md-link").queryAs(Hyperlink.class));
        waitFor(5, TimeUnit.SECONDS, () -> browsed.size() == 1);
        assertEquals(List.of(base + "/terms"), browsed);
        assertEquals(0, httpRequests.get(), "the window itself fetched nothing");
    }

    @Test
    void boldListsTablesAndPageReferencesAreDrawn(FxRobot robot) {
        MarkdownView answer = answerShown(robot);
        assertTrue(answer.text().startsWith("The compressor is covered for 27 months [p. 1]."), answer.text());
        assertEquals(List.of("compressor"), texts(robot, ".answer-text .md-strong"));
        assertEquals(List.of("27 months"), texts(robot, ".answer-text .md-emphasis"));
        assertEquals(List.of("[p. 1]", "[p. 3]"), texts(robot, ".answer-text .md-page-reference"));
        assertEquals(2, robot.lookup(".answer-text .md-list-item").queryAll().size());
        GridPane table = robot.lookup(".answer-text .md-table").queryAs(GridPane.class);
        assertEquals(6, table.getChildren().size(), "two columns, a header row and two rows");
    }

    @Test
    void aPreparedAnswerShowsItsMarkAndAskTheModelAsksAgainWithoutIt(FxRobot robot) throws Exception {
        answerShown(robot);
        assertEquals("Prepared while you were away", robot.lookup(".mode-mark.mode-prepared").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("predictability 0.93 · 0 test-time tokens",
                robot.lookup(".answer-footer").queryAs(javafx.scene.control.Label.class).getText());
        robot.clickOn(robot.lookup(".ask-model-button").queryAs(Button.class));
        waitFor(5, TimeUnit.SECONDS, () -> requests.size() == 1);
        assertFalse(requests.get(0).usePrepared());
        assertEquals(history.conversations().get(0).id(), requests.get(0).conversationId());
    }

    @Test
    void copyPutsTheAnswersMarkdownOnTheClipboard(FxRobot robot) throws Exception {
        MarkdownView answer = answerShown(robot);
        Node copy = robot.lookup(".copy-button").queryAll().stream()
                .filter(n -> n.isVisible() && isInside(n, answer.getParent().getParent().getParent())).findFirst().orElseThrow();
        robot.clickOn(copy);
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertEquals(answer.markdown(), copied);
        assertTrue(copied.contains("**compressor**"), "the Markdown source, not the drawn text");
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aStreamingAnswerIsRedrawnAsItGrowsKeepingTheBlocksAlreadyShown(FxRobot robot) throws Exception {
        answerShown(robot);
        robot.clickOn("#question").write("Summarise it").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> streaming.get() != null);
        streaming.get().onText("First paragraph.\n\nThe **bold");
        waitFor(5, TimeUnit.SECONDS, () -> lastAnswer(robot).text().contains("**bold"));
        Node first = lastAnswer(robot).getChildren().get(0);

        streaming.get().onText(" part** ends.\n\n1. one\n2. two");
        waitFor(5, TimeUnit.SECONDS, () -> lastAnswer(robot).text().endsWith("two"));
        MarkdownView answer = lastAnswer(robot);
        assertSame(first, answer.getChildren().get(0), "the finished first paragraph was not redrawn");
        assertEquals("First paragraph.\nThe bold part ends.\n1. one\n2. two", answer.text());
    }

    @Test
    void conversationsCanBeReopenedStartedAndDeleted(FxRobot robot) throws Exception {
        answerShown(robot);
        @SuppressWarnings("unchecked")
        ComboBox<dev.ponder.store.Conversation> picker = robot.lookup("#conversations").queryAs(ComboBox.class);
        assertEquals("Show me the warranty terms", picker.getValue().title(), "the most recent conversation is shown");

        long older = history.conversations().get(1).id();
        robot.interact(() -> picker.setValue(picker.getItems().get(1)));
        waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().chat().exchanges().size() == 1
                && window.viewModel().chat().exchanges().get(0).question().equals("What does the older warranty say?"));

        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().chat().exchanges().isEmpty());
        assertEquals(0, window.viewModel().chat().conversationId());

        robot.interact(() -> picker.setValue(picker.getItems().get(1)));
        waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().chat().conversationId() == older);
        robot.clickOn("#delete-conversation");
        waitFor(5, TimeUnit.SECONDS, () -> dialog(robot).isPresent());
        assertEquals("Delete \u201CWhat does the older warranty say?\u201D?", dialog(robot).orElseThrow().getHeaderText());
        robot.clickOn("Delete");
        waitFor(5, TimeUnit.SECONDS, () -> history.deleted.equals(List.of(older)));
        waitFor(5, TimeUnit.SECONDS, () -> picker.getItems().size() == 1);
        assertTrue(window.viewModel().chat().exchanges().isEmpty(), "the chat is a new, empty conversation");
        assertEquals(0, window.viewModel().chat().conversationId());
    }

    @Test
    void aNewConversationIsShownByItsTitleOnceItsFirstQuestionIsAnswered(FxRobot robot) throws Exception {
        answerShown(robot);
        @SuppressWarnings("unchecked")
        ComboBox<dev.ponder.store.Conversation> picker = robot.lookup("#conversations").queryAs(ComboBox.class);
        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        waitFor(5, TimeUnit.SECONDS, () -> window.viewModel().chat().exchanges().isEmpty());

        robot.clickOn("#question").write("How long is the new warranty?").type(KeyCode.ENTER);
        waitFor(5, TimeUnit.SECONDS, () -> requests.size() == 1);
        Exchange stored = history.save(new Exchange(0, "How long is the new warranty?", "27 months.",
                Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(), Optional.empty(), 10, 5,
                Optional.of(5L), 20, List.of(), List.of(), java.time.Instant.now()));
        streaming.get().onFinished(stored);

        waitFor(5, TimeUnit.SECONDS, () -> picker.getValue() != null);
        assertEquals("How long is the new warranty?", picker.getValue().title());
        assertEquals(stored.conversationId(), window.viewModel().chat().conversationId());
    }

    private MarkdownView answerShown(FxRobot robot) {
        try {
            waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".answer-text .md-table").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the Markdown answer was not shown", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".answer-text").queryAllAs(MarkdownView.class).stream()
                .filter(m -> m.markdown().contains("compressor")).findFirst().orElseThrow();
    }

    private static MarkdownView lastAnswer(FxRobot robot) {
        return robot.lookup(".answer-text").queryAllAs(MarkdownView.class).stream().reduce((a, b) -> b).orElseThrow();
    }

    private static List<String> texts(FxRobot robot, String query) {
        return robot.lookup(query).queryAllAs(Text.class).stream().map(Text::getText).toList();
    }

    private static Optional<DialogPane> dialog(FxRobot robot) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(d -> d.getScene() != null && d.getScene().getWindow() != null && d.getScene().getWindow().isShowing())
                .findFirst();
    }
}
