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
    void theDataFolderCannotChangeWhileRunningAndAnotherAddressIsAnotherModelServer() {
        SettingsStore store = SettingsStore.inMemory(Settings.defaults(dir));
        assertThrows(IllegalArgumentException.class, () -> store.update(Settings.defaults(dir.resolve("other"))));
        Settings s = store.current();
        assertTrue(SettingsStore.changesModelServer(s, s.withOllamaUrl(URI.create("http://other:11434"))));
        assertFalse(SettingsStore.changesModelServer(s, s.withSleepGenerations(5).withModel("x")));
        assertFalse(Files.exists(dir.resolve(SavedSettings.FILE_NAME)), "an in-memory store writes nothing");
    }

    @Test
    void anOpenAiServerWithItsKeySurvivesARestartAndChoosingOllamaAgainForgetsTheKey() throws Exception {
        SettingsStore store = SettingsStore.persisted(Settings.defaults(dir));
        OpenAiEndpoint lmStudio = new OpenAiEndpoint(URI.create("http://localhost:1234/v1"), "sk-secret");
        store.update(store.current().withOpenAi(lmStudio));
        assertEquals(lmStudio, SavedSettings.read(dir).applyTo(Settings.defaults(dir)).openAi());
        if (Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(SavedSettings.FILE_NAME))));
        }
        assertFalse(SavedSettings.read(dir).toString().contains("sk-secret"), "the key is never logged");

        store.update(store.current().withOpenAi(null));
        SavedSettings saved = SavedSettings.read(dir);
        assertEquals(SavedSettings.OLLAMA, saved.server());
        assertNull(saved.apiKey());
        assertFalse(Files.readString(dir.resolve(SavedSettings.FILE_NAME)).contains("sk-secret"));
        assertFalse(saved.applyTo(Settings.defaults(dir).withOpenAi(lmStudio)).usesOpenAi());
    }

    @Test
    void aKeyFromTheEnvironmentIsNotWrittenWhenOtherSettingsChange() throws Exception {
        Settings fromEnv = Settings.defaults(dir)
                .withOpenAi(new OpenAiEndpoint(URI.create("http://gpu.example.org/v1"), "sk-env"));
        SettingsStore store = SettingsStore.persisted(fromEnv);
        store.update(store.current().withSleepGenerations(2));
        String json = Files.readString(dir.resolve(SavedSettings.FILE_NAME));
        assertFalse(json.contains("sk-env"), json);
        assertFalse(json.contains("gpu.example.org"), json);
    }

    @Test
    void changingTheModelServerNeedsARestart() {
        Settings s = Settings.defaults(dir);
        OpenAiEndpoint e = new OpenAiEndpoint(URI.create("http://localhost:1234/v1"), null);
        assertTrue(SettingsStore.changesModelServer(s, s.withOpenAi(e)));
        assertTrue(SettingsStore.changesModelServer(s.withOpenAi(e), s.withOpenAi(new OpenAiEndpoint(e.url(), "k"))));
        assertFalse(SettingsStore.changesModelServer(s.withOpenAi(e), s.withOpenAi(e).withModel("x")));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "localhost:1234,              http://localhost:1234/v1",
            "http://127.0.0.1:8080/,      http://127.0.0.1:8080/v1",
            "https://gpu.example.org/v1/, https://gpu.example.org/v1",
    })
    void aServerAddressIsReadAsPeopleTypeIt(String typed, String base) {
        assertEquals(URI.create(base), OpenAiEndpoint.baseUrl(typed));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "ftp://host/v1", "http://", "local host:1234"})
    void aServerAddressThatIsNoneIsRefusedWithASentence(String typed) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenAiEndpoint.baseUrl(typed));
        assertTrue(e.getMessage().endsWith("give one like http://localhost:1234/v1."), e.getMessage());
    }
}
