package dev.ponder.ui;

import dev.ponder.answer.AnswerService;
import dev.ponder.document.LibraryService;
import dev.ponder.llm.ModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.store.ExchangeRepository;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the window needs from the rest of Ponder, built by the application's composition root. The
 * application owns all of it: the window never closes a service or shuts down the executor.
 *
 * @param library     documents: open, list, remove, follow changes
 * @param answers     test-time answering
 * @param modelServer Ollama, checked at start, after a failed answer and on Retry
 * @param exchanges   the chat history shown at start
 * @param settings    the settings Ponder runs with
 * @param background  runs the UI's blocking calls (history, model-server checks, stopping an answer);
 *                    a small pool is enough, e.g. {@code Executors.newFixedThreadPool(2)} with
 *                    daemon threads
 */
public record UiServices(
        LibraryService library,
        AnswerService answers,
        ModelServer modelServer,
        ExchangeRepository exchanges,
        Settings settings,
        Executor background) {

    public UiServices {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(modelServer, "modelServer");
        Objects.requireNonNull(exchanges, "exchanges");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(background, "background");
    }
}
