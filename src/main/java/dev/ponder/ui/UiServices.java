package dev.ponder.ui;

import dev.ponder.answer.AnswerService;
import dev.ponder.answer.Savings;
import dev.ponder.document.LibraryService;
import dev.ponder.llm.ModelServer;
import dev.ponder.search.EmbeddingService;
import dev.ponder.settings.SettingsStore;
import dev.ponder.sleeptime.SleepTimeService;
import dev.ponder.sleeptime.UserActivity;
import dev.ponder.store.ExchangeRepository;
import java.util.Objects;

/**
 * What the window needs from the rest of Ponder, built by the application's composition root
 * ({@code Ponder.uiServices()}). The application owns all of it: the window never closes a service.
 *
 * @param library     documents: open, list, remove, follow changes
 * @param answers     test-time answering
 * @param modelServer Ollama, checked at start, after a failed answer and on Retry
 * @param exchanges   the chat history shown at start
 * @param settings    the settings in force; the Settings dialog updates them
 * @param sleepTime   sleep-time compute, which the insights panel shows and the pause switch stops
 * @param activity    where the window reports input, focus and minimising (idle detection)
 * @param savings     the measured token accounting the insights panel shows
 * @param embeddings  the library's embedding model, which Settings offers to change
 * @param readOnly    why the library cannot be written, as the end of a sentence ("the disk it is
 *                    on is mounted read-only"); empty when it can be. Nothing that writes runs then,
 *                    and the insights panel says why Ponder does not think about the documents
 */
public record UiServices(
        LibraryService library,
        AnswerService answers,
        ModelServer modelServer,
        ExchangeRepository exchanges,
        SettingsStore settings,
        SleepTimeService sleepTime,
        UserActivity activity,
        Savings savings,
        EmbeddingService embeddings,
        java.util.Optional<String> readOnly) {

    public UiServices {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(modelServer, "modelServer");
        Objects.requireNonNull(exchanges, "exchanges");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sleepTime, "sleepTime");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(savings, "savings");
        Objects.requireNonNull(embeddings, "embeddings");
        Objects.requireNonNull(readOnly, "readOnly");
    }
}
