package dev.ponder.ui;

import dev.ponder.app.Ponder;
import dev.ponder.settings.Settings;
import dev.ponder.testing.OllamaTestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * Test helper run in a child JVM by the store's kill test ({@code KilledRuns}): Ponder's window on
 * the real services (its composition root, the real answer path, the Ollama-protocol test server as
 * the model), over a library the test aged. A question is typed and asked as a person asks it; once
 * the window shows the finished answer (its mode under the bubble), the child prints
 * {@code shown exchange QUESTION}, waits a moment (0–2 s, as a person reads), prints
 * {@code point window 1} and waits for the parent's kill -9. The parent then checks the library
 * holds the exchange: an answer the window showed as answered must have been stored.
 *
 * <p>Arguments: the data folder, a seed. Rendered by Monocle's headless platform (no display needed).
 * The watcher and the resumed imports are not started: the aged library's files are not on disk, and
 * the watcher would mark its documents missing (the ledger checks they stay ready).
 */
public final class ShownAnswerChild {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STILL_READING = "Ponder is still reading your documents";

    private ShownAnswerChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        // words the aged library's pages have ("Page 3 of … reads …"), and a mark of this run
        String question = "What does page 1 read (w-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + ")?";
        OllamaTestServer ollama = OllamaTestServer.start();
        ollama.answerWith("Shown in the window: the answer to " + question + " [p. 1].");
        Ponder ponder = Ponder.open(Settings.defaults(data).withOllamaUrl(ollama.url()));
        say("opened");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        Stage stage = onFx(() -> {
            Stage s = new Stage();
            TestWindows.show(s, ponder);
            return s;
        });
        TextField field = await("the question field to take a question", () -> onFx(() ->
                Optional.ofNullable((TextField) stage.getScene().lookup("#question")).filter(f -> !f.isDisabled())));
        onFx(() -> {
            field.setText(question);
            ((Button) stage.getScene().lookup("#ask-button")).fire();
            return null;
        });
        String shown = await("the window to show the finished answer", () -> onFx(() -> answerShown(stage.getScene().getRoot(), question)));
        while (shown.startsWith(STILL_READING)) {
            // the search index is rebuilt in the background at start (the aged library's content was
            // stored without it): as the sentence says, the person asks again a moment later
            Thread.sleep(500);
            onFx(() -> {
                stage.getScene().getRoot().lookupAll(".retry-button").stream().filter(Node::isVisible)
                        .reduce((a, b) -> b).ifPresent(b -> ((Button) b).fire());
                return null;
            });
            Thread.sleep(200);
            shown = await("the window to show the finished answer", () -> onFx(() -> answerShown(stage.getScene().getRoot(), question)));
        }
        if (!shown.isEmpty()) {
            say("not shown as saved: " + shown);
            System.exit(1);
        }
        say("shown exchange " + question);
        Thread.sleep(random.nextInt(2000));
        say("point window 1");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Runtime.getRuntime().halt(3); // the parent kills the process before this
    }

    /**
     * For the last exchange view of {@code question} (a Retry asks it again below): empty while it
     * streams; "" once its mode shows under the bubble (answered and stored); the bubble's error
     * sentence when it failed or was not saved.
     */
    private static Optional<String> answerShown(Parent root, String question) {
        Optional<String> last = Optional.empty();
        for (Node exchange : root.lookupAll(".exchange")) {
            boolean ours = exchange.lookupAll(".question-bubble").stream()
                    .anyMatch(n -> n instanceof Label l && question.equals(l.getText()));
            if (!ours) {
                continue;
            }
            Label error = (Label) exchange.lookup(".answer-error");
            Label mark = (Label) exchange.lookup(".mode-mark");
            Node text = exchange.lookup(".answer-text");
            if (error != null && error.isVisible() && !error.getText().isEmpty() && error.getParent().isVisible()) {
                last = Optional.of(error.getText());
            } else if (mark != null && mark.isVisible() && !mark.getText().isEmpty() && text != null && text.isVisible()) {
                last = Optional.of("");
            } else {
                last = Optional.empty();
            }
        }
        return last;
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        say("gave up waiting for " + what);
        System.exit(2);
        return null;
    }

    private static <T> T onFx(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
