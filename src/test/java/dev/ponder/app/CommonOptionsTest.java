package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommonOptionsTest {

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1,                  http://127.0.0.1:11434",
            "0.0.0.0,                    http://localhost:11434",
            ":46577,                     http://localhost:46577",
            "myhost:8080,                http://myhost:8080",
            "http://gpu.local:11434/,    http://gpu.local:11434",
            "https://ollama.example.org, https://ollama.example.org:443",
    })
    void ollamaHostIsReadTheWayOllamasOwnCliReadsIt(String value, String expected) {
        assertEquals(URI.create(expected), CommonOptions.ollamaUri(value));
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheDefault() {
        CommonOptions options = new CommonOptions();
        options.dataDir = Path.of("/tmp/ponder-test");
        Settings fromEnv = options.toSettings(Map.of("OLLAMA_HOST", "10.0.0.5:9999"));
        assertEquals(URI.create("http://10.0.0.5:9999"), fromEnv.ollamaUrl());

        options.ollamaUrl = "http://localhost:12345";
        assertEquals(URI.create("http://localhost:12345"), options.toSettings(Map.of("OLLAMA_HOST", "x:1")).ollamaUrl());

        CommonOptions none = new CommonOptions();
        none.dataDir = Path.of("/tmp/ponder-test");
        assertEquals(Settings.DEFAULT_OLLAMA_URL, none.toSettings(Map.of()).ollamaUrl());
    }

    @Test
    void savedChoicesBeatTheDefaultsAndTheCommandLineBeatsThem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("settings.json"),
                "{\"model\": \"qwen3:4b\", \"sleepGenerations\": 3, \"ollamaUrl\": \"http://saved:1\"}");
        CommonOptions options = new CommonOptions();
        options.dataDir = dir;
        options.model = "mistral";
        Settings s = options.toSettings(Map.of());
        assertEquals("mistral", s.model());
        assertEquals(3, s.sleepGenerations());
        assertEquals(URI.create("http://saved:1"), s.ollamaUrl());
        assertEquals(URI.create("http://env:11434"), options.toSettings(Map.of("OLLAMA_HOST", "env")).ollamaUrl());
    }

    @Test
    void theServerChosenInSettingsIsUsedAndAKeyFromTheEnvironmentOrCommandLineWins(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("settings.json"),
                "{\"server\": \"openai\", \"openAiUrl\": \"http://localhost:1234/v1\", \"apiKey\": \"saved\"}");
        CommonOptions options = new CommonOptions();
        options.dataDir = dir;
        Settings saved = options.toSettings(Map.of());
        assertEquals(URI.create("http://localhost:1234/v1"), saved.openAi().url());
        assertEquals("saved", saved.openAi().apiKey());
        assertEquals("env", options.toSettings(Map.of("PONDER_API_KEY", "env")).openAi().apiKey());
        options.apiKey = "flag";
        assertEquals("flag", options.toSettings(Map.of("PONDER_API_KEY", "env")).openAi().apiKey());

        options.ollamaUrl = "http://localhost:11434";
        assertEquals(null, options.toSettings(Map.of()).openAi(), "--ollama-url: Ollama, whatever was saved");
    }
}
