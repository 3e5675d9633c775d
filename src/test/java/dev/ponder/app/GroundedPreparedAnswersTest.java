package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.sleeptime.ScriptedSleepModel;
import dev.ponder.testing.OllamaTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prepared answer with a number or a name its pages and the notes do not contain is stored as
 * not confirmed and never served with 0 tokens: asking its question goes to the learned-context
 * path. A confirmed one is served prepared.
 */
class GroundedPreparedAnswersTest {

    private static final Path PDF = Path.of("sample-docs", "us-constitution-bill-of-rights.pdf").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INVENTED = "It lasts 999 days, as Napoleon decreed.";

    @TempDir
    Path dir;
    private OllamaTestServer ollama;

    @BeforeEach
    void startOllama() {
        ollama = OllamaTestServer.start();
        ScriptedSleepModel model = new ScriptedSleepModel();
        ollama.answerWith(r -> {
            String answer = model.apply(r);
            if (ScriptedSleepModel.Task.of(r).orElse(null) != ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS) {
                return answer;
            }
            try {
                // the model gets the first question's answer wrong: a number and a name the document lacks
                JsonNode root = JSON.readTree(answer);
                ((ObjectNode) root.get("questions").get(0)).put("answer", INVENTED);
                return root.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @AfterEach
    void stopOllama() {
        ollama.close();
    }

    private JsonNode ponder(String... args) throws Exception {
        CliRun run = CliRun.of(dir, ollama.url(), args);
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out().strip());
    }

    @Test
    void anUngroundedPreparedAnswerGoesToTheLearnedContextPathAndAGroundedOneIsServed() throws Exception {
        JsonNode thought = ponder("think", "--json", PDF.toString());
        JsonNode questions = thought.get("anticipated_questions");
        JsonNode wrong = questions.get(0);
        assertEquals(INVENTED, wrong.get("answer").asText());
        assertFalse(wrong.get("confirmed").asBoolean(), "999 and Napoleon are not in the document");
        JsonNode right = questions.get(1);
        assertTrue(right.get("confirmed").asBoolean(), right.toString());

        JsonNode askedWrong = ponder("ask", "--json", "--doc", PDF.toString(), wrong.get("question").asText());
        assertEquals("learned-context", askedWrong.get("mode").asText(), "not served with 0 tokens");
        assertFalse(askedWrong.get("answer").asText().contains("Napoleon"));
        assertTrue(askedWrong.get("completion_tokens").asInt() > 0);

        JsonNode askedRight = ponder("ask", "--json", "--doc", PDF.toString(), right.get("question").asText());
        assertEquals("prepared", askedRight.get("mode").asText());
        assertEquals(right.get("answer").asText(), askedRight.get("answer").asText().replaceAll(" \\[.*]$", ""));
    }
}
