package dev.ponder.ui;

import dev.ponder.answer.AnswerHandle;
import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import dev.ponder.store.Citation;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.Exchange;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Shows the window with made-up content, to look at it as a user would (screenshots). Not a test.
 * {@code -Dpreview=empty} shows an empty library, {@code -Dpreview=offline} a stopped Ollama,
 * {@code -Dpreview.conversations=true} the list of conversations opened.
 */
public final class UiPreview {

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    public static final class App extends Application {
        private final ExecutorService background = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "preview-background");
            t.setDaemon(true);
            return t;
        });

        @Override
        public void start(Stage stage) {
            String mode = System.getProperty("preview", "full");
            InMemoryLibrary library = new InMemoryLibrary();
            List<Exchange> history = new ArrayList<>();
            if (!mode.equals("empty")) {
                library.documents.put(1L, InMemoryLibrary.entry(1, "warranty-terms.pdf", DocumentStatus.READY, null));
                library.documents.put(2L, InMemoryLibrary.entry(2, "annual-report-2024.pdf", DocumentStatus.READY,
                        "Pages 14 and 15 have no text layer (scanned?); Ponder cannot read them."));
                library.documents.put(3L, InMemoryLibrary.entry(3, "user-manual.pdf", DocumentStatus.IMPORTING, null));
                library.documents.put(4L, InMemoryLibrary.entry(4, "contract-signed.pdf", DocumentStatus.NEEDS_PASSWORD,
                        "This PDF is protected with a password."));
                library.documents.put(5L, InMemoryLibrary.entry(5, "notes.pdf", DocumentStatus.FAILED,
                        "notes.pdf is not a PDF (it looks like plain text)."));
                history.add(new Exchange(1, "How long is the warranty on the compressor?",
                        "The compressor is covered for 27 months from the date of delivery, as long as the yearly "
                                + "service is done by an authorised technician [p. 1]. Parts replaced under warranty "
                                + "keep the original warranty period [p. 3].",
                        Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"),
                        1812, 143, Optional.of(900L), 4200, List.of(1L),
                        List.of(new Citation(1, "warranty-terms.pdf", 1), new Citation(1, "warranty-terms.pdf", 3)),
                        Instant.now()));
                history.add(new Exchange(2, "Compare revenue growth with the warranty costs", "",
                        Exchange.MODE_BASELINE, Exchange.Status.FAILED,
                        Optional.of("Ollama is not running at http://localhost:11434 — start it, then press Retry."),
                        Optional.empty(), 0, 0, Optional.empty(), 30, List.of(), List.of(), Instant.now()));
                Instant later = Instant.now().plusSeconds(60);
                history.add(new Exchange(4, "How long is the warranty?",
                        "**27 months** from the date of delivery, if the yearly service is done by an authorised "
                                + "technician [p. 1].",
                        Exchange.MODE_PREPARED, Exchange.Status.ANSWERED, Optional.empty(), Optional.empty(), 0, 0,
                        Optional.of(4L), 38, List.of(1L), List.of(new Citation(1, "warranty-terms.pdf", 1)), later, 2,
                        Optional.of(0.93), Optional.of(7L)));
                history.add(new Exchange(5, "Which parts are covered, and for how long?", """
                        The warranty covers these parts [p. 1]:

                        - the **compressor**, for 27 months
                        - the fan and the *control board*, for 12 months [p. 3]
                        - wear parts such as `filter-2` are not covered

                        | part | months | who pays labour |
                        |---|---:|---|
                        | compressor | 27 | the maker |
                        | fan | 12 | the maker |
                        | filter | 0 | you |

                        See [the maker's site](https://example.org/warranty) for the claim form.""",
                        Exchange.MODE_LEARNED_CONTEXT, Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"),
                        1433, 122, Optional.of(640L), 3900, List.of(1L),
                        List.of(new Citation(1, "warranty-terms.pdf", 1), new Citation(1, "warranty-terms.pdf", 3)),
                        later.plusSeconds(30), 2, Optional.of(0.58), Optional.empty()));
                history.add(new Exchange(6, "What did revenue do in 2024?", "It grew 12% [p. 4].",
                        Exchange.MODE_BASELINE, Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"),
                        2210, 61, Optional.of(700L), 5100, List.of(2L), List.of(new Citation(2, "annual-report-2024.pdf", 4)),
                        Instant.now().minusSeconds(86400 * 3), 3, Optional.empty(), Optional.empty()));
            }
            boolean offline = mode.equals("offline");
            ModelServer server = new ModelServer() {
                @Override
                public ServerStatus check() {
                    URI url = URI.create("http://localhost:11434");
                    return offline
                            ? new ServerStatus(url, false, Optional.empty(), List.of(), null, 0, Optional.of(
                            "Ollama is not running at http://localhost:11434 — start it with `ollama serve`, then press Retry."))
                            : new ServerStatus(url, true, Optional.of("0.12.3"), List.of("llama3.2"), "llama3.2", 8192,
                            Optional.empty());
                }

                @Override
                public LanguageModel chatModel() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                }
            };
            Answering answering = (request, listener) -> {
                String q = request.question();
                List<Long> scope = request.scope();
                AtomicBoolean stop = new AtomicBoolean();
                background.execute(() -> {
                    String answer = "According to the annual report, revenue grew 12% in 2024 [p. 4], while warranty "
                            + "costs stayed flat at 1.8% of sales [p. 12].";
                    StringBuilder sent = new StringBuilder();
                    for (String word : answer.split("(?<= )")) {
                        if (stop.get()) {
                            break;
                        }
                        sleep(60);
                        sent.append(word);
                        listener.onText(word);
                    }
                    listener.onFinished(new Exchange(3, q, sent.toString(), Exchange.MODE_BASELINE,
                            stop.get() ? Exchange.Status.STOPPED : Exchange.Status.ANSWERED, Optional.empty(),
                            Optional.of("llama3.2"), 2210, 61, Optional.of(700L), 5100, scope,
                            List.of(new Citation(2, "annual-report-2024.pdf", 4),
                                    new Citation(2, "annual-report-2024.pdf", 12)), Instant.now()));
                });
                AnswerHandle handle = () -> stop.set(true);
                return handle;
            };
            PonderWindow window = TestWindows.show(stage, new FxUiExecutor(background), library, answering,
                    new InMemoryChatHistory(history), server, url -> System.out.println("Would open " + url));
            background.execute(() -> {
                for (int i = 0; i <= 100 && !mode.equals("empty"); i += 3) {
                    library.progress(3, "Reading page " + (i * 84 / 100) + " of 84", i / 100.0);
                    sleep(400);
                }
            });
            if (Boolean.getBoolean("preview.conversations")) { // -Dpreview.conversations=true: the list open
                window.viewModel().chat().conversations().addListener((javafx.collections.ListChangeListener<dev.ponder.store.Conversation>) c ->
                        javafx.application.Platform.runLater(() -> ((javafx.scene.control.ComboBox<?>) stage.getScene().lookup("#conversations")).show()));
            }
            String select = System.getProperty("preview.select");
            if (select != null) {
                var documents = window.viewModel().library().documents();
                documents.addListener((javafx.collections.ListChangeListener<DocumentItem>) c -> {
                    if (window.viewModel().library().find(Long.parseLong(select)) != null
                            && window.viewModel().library().selected().isEmpty()) {
                        window.viewModel().library().requestSelection(Long.parseLong(select));
                    }
                });
            }
        }

        @Override
        public void stop() throws InterruptedException {
            background.shutdownNow();
            background.awaitTermination(1, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
