package dev.ponder.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void choicesSurviveARestartThroughSettingsJson() throws Exception {
        SettingsStore store = SettingsStore.persisted(Settings.defaults(dir));
        Settings chosen = store.current().withModel("qwen3:4b").withSleepModel("qwen3:14b")
                .withIdleThreshold(Duration.ofSeconds(45)).withSleepGenerations(3).withAnticipatedQuestions(12)
                .withAnswerTokens(300).withMaxContextTokens(4096).withPreparedThreshold(0.9).withTestTimeWeight(4.5);
        store.update(chosen);

        assertTrue(Files.isRegularFile(dir.resolve(SavedSettings.FILE_NAME)));
        Settings reopened = SavedSettings.read(dir).applyTo(Settings.defaults(dir));
        assertEquals(chosen, reopened);
    }

    @Test
    void onlyWhatThePersonChangedIsSavedNotWhatTheCommandLineSet() throws Exception {
        // started with --ollama-url: the dialog saves a k change, not the address
        Settings fromCommandLine = Settings.defaults(dir).withOllamaUrl(URI.create("http://gpu.local:11434"));
        SettingsStore store = SettingsStore.persisted(fromCommandLine);
        store.update(store.current().withSleepGenerations(4));

        SavedSettings saved = SavedSettings.read(dir);
        assertEquals(4, saved.sleepGenerations());
        assertNull(saved.ollamaUrl());
        assertEquals(Settings.DEFAULT_OLLAMA_URL, saved.applyTo(Settings.defaults(dir)).ollamaUrl());
    }

    @Test
    void choosingAutomaticAfterANamedModelIsSavedAsAutomatic() throws Exception {
        SettingsStore store = SettingsStore.persisted(Settings.defaults(dir).withModel("mistral"));
        store.update(store.current().withModel(null));
        Settings reopened = SavedSettings.read(dir).applyTo(Settings.defaults(dir).withModel("mistral"));
        assertNull(reopened.model());
    }

    @Test
    void listenersHearBeforeAndAfterOnceTheFileIsWritten() throws Exception {
        SettingsStore store = SettingsStore.persisted(Settings.defaults(dir));
        List<String> heard = new ArrayList<>();
        store.addListener((before, after) -> heard.add(before.sleepGenerations() + "→" + after.sleepGenerations()
                + " saved=" + Files.exists(dir.resolve(SavedSettings.FILE_NAME))));
        store.update(store.current().withSleepGenerations(2));
        store.update(store.current()); // no change, no news
        assertEquals(List.of("1→2 saved=true"), heard);
    }

    @Test
    void aDamagedFileIsKeptAsideAndTheDefaultsAreUsed() throws Exception {
        Files.writeString(dir.resolve(SavedSettings.FILE_NAME), "{\"sleepGenerations\": 3,");
        Settings s = SavedSettings.read(dir).applyTo(Settings.defaults(dir));
        assertEquals(Settings.DEFAULT_SLEEP_GENERATIONS, s.sleepGenerations());
        assertEquals("{\"sleepGenerations\": 3,", Files.readString(dir.resolve("settings.unreadable.json")));
    }

    @Test
    void anInvalidSavedValueIsSkippedAndTheOthersApply() throws Exception {
        Files.writeString(dir.resolve(SavedSettings.FILE_NAME), "{\"sleepGenerations\": 9, \"testTimeWeight\": 3}");
        Settings s = SavedSettings.read(dir).applyTo(Settings.defaults(dir));
        assertEquals(Settings.DEFAULT_SLEEP_GENERATIONS, s.sleepGenerations());
        assertEquals(3.0, s.testTimeWeight());
    }

    @Test
    void theDataFolderCannotChangeWhileRunningAndTheAddressNeedsARestart() {
        SettingsStore store = SettingsStore.inMemory(Settings.defaults(dir));
        assertThrows(IllegalArgumentException.class, () -> store.update(Settings.defaults(dir.resolve("other"))));
        Settings s = store.current();
        assertTrue(SettingsStore.needsRestart(s, s.withOllamaUrl(URI.create("http://other:11434"))));
        assertFalse(SettingsStore.needsRestart(s, s.withSleepGenerations(5).withModel("x")));
        assertFalse(Files.exists(dir.resolve(SavedSettings.FILE_NAME)), "an in-memory store writes nothing");
    }
}
