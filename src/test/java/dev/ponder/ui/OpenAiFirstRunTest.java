package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.ponder.llm.OpenAiModelServer;
import dev.ponder.settings.OpenAiEndpoint;
import dev.ponder.settings.Settings;
import dev.ponder.testing.OpenAiTestServer;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** First run with an OpenAI-compatible server chosen and not running: the card says to start it, not to install Ollama. */
@ExtendWith(ApplicationExtension.class)
class OpenAiFirstRunTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private OpenAiModelServer server;
    private PonderWindow window;

    @Start
    void start(Stage stage) throws Exception {
        OpenAiTestServer stopped = OpenAiTestServer.start("qwen2.5-7b-instruct");
        stopped.close(); // LM Studio not started yet
        Settings settings = Settings.defaults(Files.createTempDirectory("ponder-openai-first-run"))
                .withOpenAi(new OpenAiEndpoint(stopped.url(), null));
        server = new OpenAiModelServer(settings);
        window = TestWindows.show(stage, new FxUiExecutor(background), new InMemoryLibrary(),
                (request, listener) -> () -> { }, new InMemoryChatHistory(), server, url -> { });
    }

    @AfterEach
    void shutDown() {
        background.shutdownNow();
        server.close();
    }

    @Test
    void theCardSaysToStartTheServerAndNothingAboutInstallingOllama(FxRobot robot) throws Exception {
        waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#onboarding").tryQuery().map(n -> n.isVisible()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#onboarding-command").tryQuery().isEmpty(), "no `ollama pull` for this server");
        assertTrue(robot.lookup("#onboarding-what").queryAs(Label.class).getText().contains("OpenAI-compatible server"));
        assertTrue(robot.lookup("#onboarding-problem").queryAs(Label.class).getText()
                .startsWith("No OpenAI-compatible server answers at "));
        assertEquals("Model server: not running", window.viewModel().modelStatus().statusLineProperty().get());
    }
}
