package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.store.Citation;
import dev.ponder.store.Exchange;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationExportTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant T0 = Instant.parse("2025-05-01T12:03:00Z");

    @Test
    void aConversationBecomesMarkdownWithQuestionAnswerModeCitedPagesAndDate() {
        List<Exchange> exchanges = List.of(
                new Exchange(1, "How long is the warranty?", "**27 months** from delivery [p. 1].",
                        Exchange.MODE_PREPARED, Exchange.Status.ANSWERED, Optional.empty(), Optional.empty(), 0, 0,
                        Optional.of(2L), 30, List.of(1L), List.of(new Citation(1, "warranty.pdf", 1)), T0, 5,
                        Optional.of(0.934), Optional.of(8L)),
                new Exchange(2, "Compare it with\nthe fan", "| part | months |\n|---|---|\n| compressor | 27 |\n| fan | 12 |",
                        Exchange.MODE_LEARNED_CONTEXT, Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"),
                        1812, 143, Optional.of(700L), 4200, List.of(), List.of(new Citation(1, "warranty.pdf", 1),
                        new Citation(2, "report.pdf", 12)), T0.plusSeconds(120), 5, Optional.of(0.41), Optional.empty()),
                new Exchange(3, "And the doors?", "", Exchange.MODE_BASELINE, Exchange.Status.FAILED,
                        Optional.of("Ollama is not running — start it with `ollama serve`."), Optional.empty(), 0, 0,
                        Optional.empty(), 10, List.of(), List.of(), T0.plusSeconds(3600 * 24), 5, Optional.empty(),
                        Optional.empty()),
                new Exchange(4, "Who pays shipping?", "The buyer", Exchange.MODE_BASELINE, Exchange.Status.STOPPED,
                        Optional.empty(), Optional.of("llama3.2"), 900, 3, Optional.of(500L), 900, List.of(), List.of(),
                        T0.plusSeconds(3600 * 25), 5, Optional.empty(), Optional.empty()));

        String md = ConversationExport.markdown("How long is the warranty?", exchanges, ZONE, T0.plusSeconds(3600 * 48));

        assertEquals("""
                # How long is the warranty?

                Exported from Ponder on 2025-05-03 14:03.

                ## 1. How long is the warranty?

                *Asked 2025-05-01 14:03 · prepared answer (while you were away) · predictability 0.93 · 0 test-time tokens*

                **27 months** from delivery [p. 1].

                Cited: warranty.pdf p. 1

                ---

                ## 2. Compare it with the fan

                *Asked 2025-05-01 14:05 · answered from the learned context · predictability 0.41 · 1,955 test-time tokens*

                | part | months |
                |---|---|
                | compressor | 27 |
                | fan | 12 |

                Cited: warranty.pdf p. 1, report.pdf p. 12

                ---

                ## 3. And the doors?

                *Asked 2025-05-02 14:03 · failed*

                **Not answered:** Ollama is not running — start it with “ollama serve”.

                ---

                ## 4. Who pays shipping?

                *Asked 2025-05-02 15:03 · stopped · not prepared yet (answered from the documents alone) · 903 test-time tokens*

                The buyer

                ---
                """, md);
    }

    @Test
    void writingReplacesTheFileWithTheWholeTextAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("warranty.md");
        Files.writeString(file, "an older export");
        ConversationExport.write(file, "", List.of(new Exchange(1, "Why?", "Because.", Exchange.MODE_BASELINE,
                Exchange.Status.ANSWERED, Optional.empty(), Optional.of("llama3.2"), 10, 2, Optional.of(5L), 9,
                List.of(), List.of(), T0)), ZONE);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals("# Why?", text.lines().findFirst().orElseThrow(), "a blank title falls back to the first question");
        assertEquals(List.of(file), Files.list(dir).toList());
    }

    @Test
    void exportFileNamesAreMadeFromTheTitle() {
        assertEquals("What is the warranty on the compressor.md", PonderWindow.fileNameFor("What is the warranty on the compressor?"));
        assertEquals("Ponder conversation.md", PonderWindow.fileNameFor("???"));
        assertEquals("a b.md", PonderWindow.fileNameFor("a/../b"));
    }
}
