package dev.ponder.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dataset formats, the paper's stateful split (last sentence = query) and the scoring rules. */
class BenchDatasetTest {

    @TempDir
    Path dir;

    @Test
    void statefulSplitMakesTheLastSentenceTheQueryAndTheRestTheContext() {
        assertArrayEquals(new String[] {
                "Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins with four.",
                "How many eggs does she have left?"},
                BenchDataset.statefulSplit("Janet's ducks lay 16 eggs per day. She eats three for breakfast every morning "
                        + "and bakes muffins with four. How many eggs does she have left?"));
    }

    @Test
    void statefulSplitIsNotFooledByDecimalsAbbreviationsOrQuotes() {
        assertArrayEquals(new String[] {"Mr. Lee buys 2.5 kg of rice at $1.20 per kg. He says \"That is plenty.\"",
                        "How much does he pay?"},
                BenchDataset.statefulSplit("Mr. Lee buys 2.5 kg of rice at $1.20 per kg. He says \"That is plenty.\" "
                        + "How much does he pay?"));
        assertArrayEquals(new String[] {"Tom has 3 apples!", "If he eats one, how many remain?"},
                BenchDataset.statefulSplit("Tom has 3 apples! If he eats one, how many remain?"));
    }

    @Test
    void aOneSentenceProblemHasAnEmptyContext() {
        assertArrayEquals(new String[] {"", "What is 2 + 2?"}, BenchDataset.statefulSplit("What is 2 + 2?"));
    }

    @Test
    void readsBothFormats() throws Exception {
        Path file = Files.writeString(dir.resolve("d.jsonl"), """
                {"id": "a", "context": "The sky is blue.", "queries": [{"question": "What colour is the sky?", "answer": "blue"}]}

                {"question": "Ann has 1,200 coins. She loses 200. How many are left?", "answer": "1200 - 200 = 1000\\n#### 1,000"}
                """);
        List<BenchItem> items = BenchDataset.read(file);
        assertEquals(2, items.size());
        assertEquals(new BenchItem("a", "The sky is blue.", List.of(new BenchItem.Query("What colour is the sky?", "blue")),
                false), items.get(0));
        assertEquals(new BenchItem("c2", "Ann has 1,200 coins. She loses 200.",
                List.of(new BenchItem.Query("How many are left?", "1000")), true), items.get(1));
    }

    @Test
    void gsmSymbolicInstancesOfOneTemplateGetTheirOwnIds() throws Exception {
        Path file = Files.writeString(dir.resolve("p1.jsonl"), """
                {"id": 7, "instance": 0, "question": "A has 2. B has 3. How many in all?", "answer": "#### 5"}
                {"id": 7, "instance": 1, "question": "A has 4. B has 3. How many in all?", "answer": "#### 7"}
                {"id": 7, "question": "A has 1. B has 1. How many in all?", "answer": "#### 2"}
                {"id": 7, "question": "A has 1. B has 2. How many in all?", "answer": "#### 3"}
                """);
        assertEquals(List.of("7-0", "7-1", "7", "7-2"), BenchDataset.read(file).stream().map(BenchItem::id).toList());
    }

    @Test
    void aBadLineIsNamedInOneSentence() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"context\": \"x\", \"queries\": []}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchDataset.read(file));
        assertEquals("Line 1 of bad.jsonl has a context with no queries.", e.getMessage());
        Path gsm = Files.writeString(dir.resolve("gsm.jsonl"), "{\"question\": \"How many?\", \"answer\": \"five\"}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchDataset.read(gsm)).getMessage()
                .contains("does not end in \"#### N\""));
    }

    @Test
    void gsmAnswersMatchByNumberAndDocumentAnswersByNormalisedContainment() {
        assertTrue(Scoring.correct("She has 9 left.\n#### 9", "9", true));
        assertTrue(Scoring.correct("The total is $1,000.00", "1000", true), "last number when there is no ####");
        assertFalse(Scoring.correct("#### 18", "9", true));
        assertTrue(Scoring.correct("It was ratified in 1791, by Virginia.", "1791", false));
        assertTrue(Scoring.correct("The Twenty-First Amendment repealed it.", "twenty-first amendment", false));
        assertFalse(Scoring.correct("It was 17910.", "1791", false), "whole words only");
    }

    @Test
    void theShippedDatasetHasTenContextsOfFiveQuestionsWhoseAnswersAreInTheirContext() throws Exception {
        List<BenchItem> items = BenchDataset.read(Path.of("bench", "datasets", "ponder-sample-docs.jsonl"));
        assertTrue(items.size() >= 10, "contexts: " + items.size());
        for (BenchItem item : items) {
            assertEquals(5, item.queries().size(), item.id());
            for (BenchItem.Query q : item.queries()) {
                assertTrue(Scoring.correct(item.context(), q.answer(), false), item.id() + ": " + q.answer());
            }
        }
    }
}
