package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.settings.DataFolders;
import dev.ponder.settings.SavedSettings;
import dev.ponder.settings.Settings;
import dev.ponder.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Settings dialog's view model: what it accepts, what it refuses and why, and what Save does. */
class SettingsViewModelTest {

    @TempDir
    Path dir;
    private SettingsStore store;
    private ModelStatusViewModel status;
    private SettingsViewModel vm;

    @BeforeEach
    void setUp() {
        store = SettingsStore.persisted(Settings.defaults(dir));
        status = new ModelStatusViewModel(new SameThreadUiExecutor(), new ReadyModelServer());
        vm = new SettingsViewModel(store, status, folders(), java.util.Optional::empty);
    }

    /** This run's library in {@code dir}, the platform's folder, where a choice is kept too. */
    private DataFolders folders() {
        return new DataFolders(dir, dir, false);
    }

    @Test
    void startsFromTheSettingsInForceAndIsValid() {
        assertEquals("1", vm.sleepGenerationsProperty().get());
        assertEquals("0.85", vm.preparedThresholdProperty().get());
        assertEquals("10", vm.testTimeWeightProperty().get());
        assertEquals("20", vm.idleSecondsProperty().get());
        assertEquals(SettingsViewModel.AUTOMATIC, vm.modelProperty().get());
        assertEquals(dir.toString(), vm.dataDir());
        assertTrue(vm.validProperty().get());
        assertEquals("", vm.problemProperty().get());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "k         | 0    | Drafts compared while away (k) must be a whole number from 1 to 5.",
            "k         | 6    | Drafts compared while away (k) must be a whole number from 1 to 5.",
            "k         | two  | Drafts compared while away (k) must be a whole number from 1 to 5.",
            "threshold | 0    | Match needed for a prepared answer must be more than 0 and at most 1, e.g. 0.85.",
            "threshold | 1.2  | Match needed for a prepared answer must be more than 0 and at most 1, e.g. 0.85.",
            "w         | 0    | Weight of an answer token vs a sleep-time token must be a number above 0, e.g. 10.",
            "w         | -3   | Weight of an answer token vs a sleep-time token must be a number above 0, e.g. 10.",
            "idle      | -1   | Time away before thinking (seconds) must be a whole number from 0 to 86400.",
            "deadline  | 0    | Answer deadline (seconds) must be a whole number from 1 to 3600.",
            "url       | localhost | Ollama address must look like http://localhost:11434.",
    })
    void refusesWhatItCannotUseWithOneSentence(String field, String typed, String sentence) {
        property(field).set(typed);
        assertFalse(vm.validProperty().get());
        assertEquals(sentence, vm.problemProperty().get());
        assertFalse(vm.save());
        assertEquals(Settings.defaults(dir), store.current(), "nothing in force changed");
        assertFalse(Files.exists(dir.resolve(SavedSettings.FILE_NAME)), "nothing was saved");
    }

    @ParameterizedTest
    @CsvSource({"k, 5", "k, 1", "threshold, 1", "threshold, 0.01", "w, 0.5", "idle, 0"})
    void acceptsTheEdgesOfEachRange(String field, String typed) {
        property(field).set(typed);
        assertTrue(vm.validProperty().get(), vm.problemProperty().get());
    }

    @Test
    void saveAppliesAtOnceAndPersists() {
        vm.sleepGenerationsProperty().set("3");
        vm.preparedThresholdProperty().set("0,9");
        vm.testTimeWeightProperty().set("4");
        vm.idleSecondsProperty().set("60");
        vm.answerTokensProperty().set("256");
        vm.modelProperty().set("llama3.2");
        vm.sleepModelProperty().set("qwen3:14b");
        assertEquals("", vm.serverNoteProperty().get(), "the same server");
        assertTrue(vm.save());

        Settings now = store.current();
        assertEquals(3, now.sleepGenerations());
        assertEquals(0.9, now.preparedThreshold());
        assertEquals(4.0, now.testTimeWeight());
        assertEquals(Duration.ofSeconds(60), now.idleThreshold());
        assertEquals(256, now.answerTokens());
        assertEquals("llama3.2", now.model());
        assertEquals("qwen3:14b", now.sleepModel());
        assertEquals(now, SavedSettings.read(dir).applyTo(Settings.defaults(dir)));
    }

    @Test
    void anotherOllamaAddressSaysItNeedsARestart() {
        vm.ollamaUrlProperty().set("http://gpu.local:11434");
        assertEquals("Ponder connects to the new Ollama address when you save.", vm.serverNoteProperty().get());
    }

    @Test
    void modelChoicesAreAutomaticThenTheServersModelsThenAChosenOneNoLongerInstalled() {
        store = SettingsStore.inMemory(Settings.defaults(dir).withSleepModel("gone-model"));
        vm = new SettingsViewModel(store, status, folders(), java.util.Optional::empty);
        status.check();
        assertEquals(List.of(SettingsViewModel.AUTOMATIC, "llama3.2", "gone-model"), vm.modelChoices());
        assertEquals("gone-model", vm.sleepModelProperty().get());
    }

    @Test
    void aFolderThatCannotBeWrittenIsSaidAndNothingChanges() throws Exception {
        Files.createDirectory(dir.resolve(SavedSettings.FILE_NAME)); // settings.json is a folder: cannot be replaced
        vm.sleepGenerationsProperty().set("2");
        assertFalse(vm.save());
        assertTrue(vm.saveProblemProperty().get().startsWith("Ponder could not save the settings in "),
                vm.saveProblemProperty().get());
        assertEquals(1, store.current().sleepGenerations());
        assertNull(store.current().model());
    }

    @Test
    void theAnswerDeadlineIsASettingThatAppliesAtOnceAndIsKept() {
        assertEquals("120", vm.answerDeadlineProperty().get());
        vm.answerDeadlineProperty().set("300");
        assertTrue(vm.save());

        assertEquals(Duration.ofSeconds(300), store.current().firstTokenTimeout());
        assertEquals(Duration.ofSeconds(30), store.current().streamInactivity(), "between words as before");
        assertEquals(store.current(), SavedSettings.read(dir).applyTo(Settings.defaults(dir)), "kept for the next start");
    }

    @Test
    void anotherDataFolderSaysItTakesEffectAtTheNextStartAndIsChosenForIt() throws Exception {
        Path other = dir.resolve("elsewhere").toAbsolutePath();
        assertEquals(dir.toString(), vm.dataFolderProperty().get());
        assertEquals("", vm.dataFolderNoteProperty().get());

        vm.dataFolderProperty().set(other.toString());
        assertEquals("Ponder uses " + other + " from its next start. The library in " + dir
                + " stays there; a folder without a library starts with an empty one.", vm.dataFolderNoteProperty().get());
        assertTrue(vm.save());

        assertEquals(dir, store.current().dataDir(), "this run keeps its library");
        assertEquals(other, folders().nextStart());
        assertEquals(other.toString(), Files.readString(dir.resolve(DataFolders.CHOICE_FILE)).strip());

        vm.dataFolderProperty().set("relative/folder");
        assertEquals("Data folder must be a full path, e.g. " + dir + ".", vm.problemProperty().get());
        assertFalse(vm.save());
    }

    @Test
    void savingWithTheFolderUnchangedChoosesNoFolderEvenWhenTheRunsFolderWasGivenAtStart() throws Exception {
        Path platform = dir.resolve("platform");
        vm = new SettingsViewModel(store, status, new DataFolders(platform, dir, true), java.util.Optional::empty);
        vm.sleepGenerationsProperty().set("2");
        assertTrue(vm.save());
        assertFalse(Files.exists(platform.resolve(DataFolders.CHOICE_FILE)),
                "a run started with --data-dir or PONDER_HOME does not make its folder the default by a Save");
    }

    private javafx.beans.property.StringProperty property(String field) {
        switch (field) {
            case "k":
                return vm.sleepGenerationsProperty();
            case "threshold":
                return vm.preparedThresholdProperty();
            case "w":
                return vm.testTimeWeightProperty();
            case "idle":
                return vm.idleSecondsProperty();
            case "url":
                return vm.ollamaUrlProperty();
            case "deadline":
                return vm.answerDeadlineProperty();
            default:
                throw new IllegalArgumentException(field);
        }
    }
}
