package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.settings.Advice;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The words sleep-time uses for its state, as the panel and the CLI show them. */
class SentencesTest {

    @Test
    void failuresWithDifferentReasonsListEveryDocumentWithItsOwnReasonAndSayWhatToDo() {
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("a.pdf", "The model did not answer in the form Ponder asked for — Ponder tries again later.");
        failures.put("b.pdf", "Ollama failed while answering (“boom”) — " + Advice.AGAIN + ".");
        failures.put("c.pdf", "The model did not answer in the form Ponder asked for — Ponder tries again later.");

        String sentence = Advice.forWindow(Sentences.retryLater(failures), "Think now");

        assertEquals("""
                Could not finish thinking about 3 documents:
                • a.pdf: The model did not answer in the form Ponder asked for — Ponder tries again later.
                • b.pdf: Ollama failed while answering (“boom”) — press Think now.
                • c.pdf: The model did not answer in the form Ponder asked for — Ponder tries again later.
                Ponder tries again later by itself; press Think now to try now.""", sentence);
    }

    @Test
    void reasonsThatSayPonderTriesAgainAreNotFollowedByTheSameWords() {
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("a.pdf", "The sleep-time model (llama3.2) did not answer in the form Ponder asked for, even after a "
                + "second try — Ponder tries again later; a larger sleep-time model may do better.");

        String sentence = Advice.forWindow(Sentences.retryLater(failures), "Think now");

        assertEquals("""
                Could not finish thinking about a.pdf: The sleep-time model (llama3.2) did not answer in the form Ponder \
                asked for, even after a second try — Ponder tries again later; a larger sleep-time model may do better.
                To try now, press Think now.""", sentence);
    }

    @Test
    void oneReasonSharedByEveryDocumentIsSaidOnceAfterTheirNames() {
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("a.pdf", "Ollama is not running — start it, then " + Advice.AGAIN + ".");
        failures.put("b.pdf", "Ollama is not running — start it, then " + Advice.AGAIN + ".");

        assertEquals("Could not finish thinking about a.pdf and b.pdf: Ollama is not running — start it, then "
                + "press Think now.", Advice.forWindow(Sentences.retryLater(failures), "Think now"));
        assertEquals("Could not finish thinking about a.pdf and b.pdf: Ollama is not running — start it, then "
                + "run the command again.", Advice.forTerminal(Sentences.retryLater(failures)));
    }

    @Test
    void beforeAnyInputNobodyIsCalledActive() {
        assertEquals("Thinking starts after 20 s without input", Sentences.userActive(false, Duration.ofSeconds(20)));
        assertEquals("You're active — thinking starts after 1 min 30 s without input",
                Sentences.userActive(true, Duration.ofSeconds(90)));
    }
}
