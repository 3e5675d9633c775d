package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.llm.OllamaModelServer;
import dev.ponder.settings.Settings;
import dev.ponder.settings.SettingsStore;
import dev.ponder.testing.OllamaTestServer;
import dev.ponder.testing.TestModel;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.SavedSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * First run with the Ollama-protocol test server: the onboarding card while it is down, Retry once
 * it is up, the Settings dialog's model pickers listing its chat models (not the embedding-only
 * ones), and choosing an OpenAI-compatible server there.
 */
@ExtendWith(ApplicationExtension.class)
class FirstRunTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final OllamaTestServer ollama = OllamaTestServer.start(TestModel.chat("llama3.2", 131072),
            TestModel.embedding("nomic-embed-text"), TestModel.chat("qwen3:14b", 40960),
            TestModel.embedding("all-minilm:l6-v2"));
    private final List<String> browsed = new CopyOnWriteArrayList<>();
    private OllamaModelServer server;
    private SettingsStore store;
    private Path dir;
    private PonderWindow window;

    @Start
    void start(Stage stage) throws Exception {
        ollama.stop(); // not installed or not started yet
        dir = Files.createTempDirectory("ponder-first-run");
        store = SettingsStore.persisted(Settings.defaults(dir).withOllamaUrl(ollama.url()));
        server = new OllamaModelServer(store.current(), store::current);
        // never the real home's folder
        window = TestWindows.show(stage, new FxUiExecutor(background), new WindowParts(new InMemoryLibrary(),
                (request, listener) -> () -> { }, new InMemoryChatHistory(), server, Optional.empty(),
                Optional.of(new WindowParts.SettingsParts(store, new dev.ponder.settings.DataFolders(dir, dir, false)))),
                browsed::add);
    }

    @AfterEach
    void shutDown() throws Exception {
        org.testfx.api.FxToolkit.cleanupStages(); // a Settings dialog left open must not answer the next test's lookups
        background.shutdownNow();
        server.close();
        ollama.close();
    }

    @Test
    void theCardShowsWhileOllamaIsDownAndGoesAfterRetryOnceItIsUp(FxRobot robot) throws Exception {
        waitFor(10, TimeUnit.SECONDS, () -> visible(robot, "#onboarding"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("ollama pull llama3.2", robot.lookup("#onboarding-command").queryAs(Label.class).getText());
        assertFalse(visible(robot, "#banner"), "the banner does not repeat what the card says");
        assertFalse(visible(robot, "#question"), "the card stands in the chat area");
        assertTrue(browsed.isEmpty(), "nothing opens in a browser until clicked");
        robot.clickOn("#onboarding-download");
        assertEquals(List.of("https://ollama.com/download"), browsed);

        robot.clickOn("#onboarding-retry");
        waitFor(10, TimeUnit.SECONDS, () -> !window.viewModel().modelStatus().checkingProperty().get());
        assertTrue(visible(robot, "#onboarding"), "still down: the card stays");

        ollama.restart();
        robot.clickOn("#onboarding-retry");
        waitFor(10, TimeUnit.SECONDS, () -> !visible(robot, "#onboarding"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(visible(robot, "#question"), "the chat is back");
        assertEquals("Ollama: llama3.2 ✓", window.viewModel().modelStatus().statusLineProperty().get());
    }

    @Test
    void theModelPickersListTheServersModelsAndAChoiceAppliesAtOnce(FxRobot robot) throws Exception {
        ollama.restart();
        robot.interact(window::showSettings);
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-sleep-model").tryQuery().isPresent()
                && robot.lookup("#settings-sleep-model").queryAs(ComboBox.class).getItems().size() >= 3);
        @SuppressWarnings("unchecked")
        ComboBox<String> sleep = robot.lookup("#settings-sleep-model").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> test = robot.lookup("#settings-model").queryAs(ComboBox.class);
        assertEquals(List.of("", "llama3.2", "qwen3:14b"), List.copyOf(test.getItems()));
        assertEquals(List.of("", "llama3.2", "qwen3:14b"), List.copyOf(sleep.getItems()));
        assertEquals("", test.getValue(), "automatic until the person chooses");

        robot.interact(() -> sleep.getSelectionModel().select("qwen3:14b"));
        robot.clickOn("#settings-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("qwen3:14b", store.current().sleepModel());
        assertEquals("qwen3:14b", server.sleepModel().modelName(), "the sleep-time model follows without a restart");
        assertTrue(robot.lookup("#settings-save").tryQuery().isEmpty(), "the dialog closed");
    }

    @Test
    void saveAndCancelStayOnTheScreenAndTheFieldsScroll(FxRobot robot) throws Exception {
        robot.interact(window::showSettings);
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#settings-save").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        javafx.scene.Node save = robot.lookup("#settings-save").query();
        javafx.geometry.Bounds onScreen = save.localToScreen(save.getBoundsInLocal());
        assertTrue(onScreen.getMaxY() <= screen.getMaxY() && onScreen.getMinY() >= screen.getMinY(),
                "Save at " + onScreen + " on a screen of " + screen);
        javafx.stage.Window dialog = save.getScene().getWindow();
        assertTrue(dialog.getHeight() <= screen.getHeight(), "the dialog is " + dialog.getHeight() + " px high on a "
                + screen.getHeight() + " px screen");
    }

    @Test
    void thePickersOfferTheChatModelsAndNotTheEmbeddingOnlyOnes(FxRobot robot) throws Exception {
        ollama.restart();
        robot.interact(window::showSettings);
        waitFor(10, TimeUnit.SECONDS, () -> window.viewModel().modelStatus().readyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("llama3.2:latest", "nomic-embed-text:latest", "qwen3:14b", "all-minilm:l6-v2"),
                server.lastStatus().orElseThrow().models(), "the server lists all four");
        for (String picker : new String[] {"#settings-model", "#settings-sleep-model"}) {
            ComboBox<?> box = robot.lookup(picker).queryAs(ComboBox.class);
            assertEquals(List.of("", "llama3.2", "qwen3:14b"), List.copyOf(box.getItems()), picker);
        }
    }

    @Test
    void anOpenAiCompatibleServerWithItsKeyIsSavedAndShownWhenTheDialogOpensAgain(FxRobot robot) throws Exception {
        robot.interact(window::showSettings);
        assertFalse(visible(robot, "#settings-openai-url"), "Ollama's address until the other server is chosen");
        assertFalse(visible(robot, "#settings-api-key"));
        chooseServer(robot, SettingsDialog.OPENAI);
        assertTrue(visible(robot, "#settings-openai-url"));
        assertFalse(visible(robot, "#settings-ollama-url"));
        robot.clickOn("#settings-openai-url").write("localhost:1234");
        robot.clickOn("#settings-api-key").write("sk-test-123");
        assertEquals("Ponder connects to the new model server when you save.", text(robot, "#settings-server-note"));
        robot.clickOn("#settings-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#settings-save").tryQuery().isEmpty(), "the dialog closed");

        assertEquals(new OpenAiEndpoint(URI.create("http://localhost:1234/v1"), "sk-test-123"), store.current().openAi());
        SavedSettings saved = SavedSettings.read(dir);
        assertEquals(SavedSettings.OPENAI, saved.server());
        assertEquals("http://localhost:1234/v1", saved.openAiUrl());
        assertEquals("sk-test-123", saved.apiKey());
        assertEquals(store.current().openAi(), saved.applyTo(Settings.defaults(dir)).openAi(), "a restart uses it");
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(SavedSettings.FILE_NAME))), "the key is for its owner only");
        }

        robot.interact(window::showSettings);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> server = robot.lookup("#settings-server").queryAs(ChoiceBox.class);
        assertEquals(SettingsDialog.OPENAI, server.getValue());
        assertEquals("http://localhost:1234/v1", robot.lookup("#settings-openai-url").queryAs(TextField.class).getText());
        PasswordField key = robot.lookup("#settings-api-key").queryAs(PasswordField.class);
        assertEquals("sk-test-123", key.getText());
        assertTrue(visible(robot, "#settings-api-key"));
    }

    @Test
    void anInvalidServerAddressGivesOneSentenceAndSavesNothing(FxRobot robot) throws Exception {
        robot.interact(window::showSettings);
        chooseServer(robot, SettingsDialog.OPENAI);
        assertEquals("Type the server's address, e.g. http://localhost:1234/v1.", text(robot, "#settings-problem"),
                "an empty field is asked for, not rejected");
        robot.clickOn("#settings-openai-url").write("ftp://models here");
        assertEquals("Server address must look like http://localhost:1234/v1.", text(robot, "#settings-problem"));
        assertTrue(robot.lookup("#settings-save").queryButton().isDisabled(), "Save waits for a usable address");
        robot.interact(() -> robot.lookup("#settings-save").queryButton().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(store.current().usesOpenAi(), "nothing in force changed");
        assertFalse(Files.exists(dir.resolve(SavedSettings.FILE_NAME)), "nothing was saved");
    }

    private static void chooseServer(FxRobot robot, String choice) {
        @SuppressWarnings("unchecked")
        ChoiceBox<String> server = robot.lookup("#settings-server").queryAs(ChoiceBox.class);
        robot.interact(() -> server.setValue(choice));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static boolean visible(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(FirstRunTest::showing).orElse(false);
    }

    private static boolean showing(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
