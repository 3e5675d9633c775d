package dev.ponder.ui;

import dev.ponder.search.EmbeddingService;
import dev.ponder.llm.ModelServer;
import dev.ponder.settings.DataFolders;
import dev.ponder.settings.SettingsStore;
import dev.ponder.sleeptime.UserActivity;
import java.util.Optional;

/**
 * What the window's view models work with, as the interfaces they see: a running Ponder's services
 * ({@link #of(UiServices)}), or in-memory parts in view-model tests, which may leave out sleep-time
 * (the insights panel then shows the document's facts only) and the settings (Edit ▸ Settings…
 * stays off).
 */
record WindowParts(LibraryAccess library, Answering answering, ChatHistory history, ModelServer modelServer,
                   Optional<SleepTimeParts> sleepTime, Optional<SettingsParts> settings) {

    /**
     * What the Settings dialog edits: the settings in force, where the library lives now and where
     * another data folder is chosen (tests pass their own, never the real home's folder), and the
     * library's embedding model (left out in tests that do not offer it).
     */
    record SettingsParts(SettingsStore store, DataFolders folders, Optional<EmbeddingService> embeddings,
                         java.util.function.Supplier<Optional<String>> readScansLeft) {

        SettingsParts(SettingsStore store, DataFolders folders) {
            this(store, folders, Optional.empty(), Optional::empty);
        }
    }

    /**
     * Sleep-time compute as the insights panel and idle detection see it; {@code readOnly} says why
     * the library cannot be written (then sleep-time does not run), empty when it can be.
     */
    record SleepTimeParts(SleepTimeAccess sleepTime, SavingsAccess savings, UserActivity activity,
                          Optional<String> readOnly) {

        SleepTimeParts(SleepTimeAccess sleepTime, SavingsAccess savings, UserActivity activity) {
            this(sleepTime, savings, activity, Optional.empty());
        }
    }

    /** A window without sleep-time and settings: for view-model tests. */
    static WindowParts of(LibraryAccess library, Answering answering, ChatHistory history, ModelServer modelServer) {
        return new WindowParts(library, answering, history, modelServer, Optional.empty(), Optional.empty());
    }

    static WindowParts of(UiServices services) {
        return new WindowParts(new LibraryServiceAccess(services.library()), services.answers()::ask,
                ChatHistory.of(services.exchanges()), services.modelServer(),
                Optional.of(new SleepTimeParts(SleepTimeAccess.of(services.sleepTime()), SavingsAccess.of(services.savings()),
                        services.activity(), services.readOnly())),
                Optional.of(new SettingsParts(services.settings(),
                        DataFolders.forRun(services.settings().current().dataDir()), Optional.of(services.embeddings()),
                        () -> services.library().readScansLeft().sentence())));
    }
}
