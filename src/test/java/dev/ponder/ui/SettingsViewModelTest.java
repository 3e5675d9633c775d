package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        vm = new SettingsViewModel(store, status);
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
            "k         | 0    | Parallel generations (k) must be a whole number from 1 to 5.",
            "k         | 6    | Parallel generations (k) must be a whole number from 1 to 5.",
            "k         | two  | Parallel generations (k) must be a whole number from 1 to 5.",
            "threshold | 0    | Prepared-answer threshold must be more than 0 and at most 1, e.g. 0.85.",
            "threshold | 1.2  | Prepared-answer threshold must be more than 0 and at most 1, e.g. 0.85.",
            "w         | 0    | Test-time weight (w) must be a number above 0, e.g. 10.",
            "w         | -3   | Test-time weight (w) must be a number above 0, e.g. 10.",
            "idle      | -1   | Idle time must be a whole number from 0 to 86400.",
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
        vm = new SettingsViewModel(store, status);
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
            default:
                throw new IllegalArgumentException(field);
        }
    }
}
