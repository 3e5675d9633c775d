package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ponder.store.SectionText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What small models really write (llama3.2 3B, qwen3 1.7B, gemma3 1B–4B, or any model behind a server
 * that ignores the schema), one case each, read by the same path the steps use:
 * {@link ModelJson#read} and the steps' readers.
 */
class SmallModelAnswersTest {

    private static final SectionText ONE = new SectionText(0, 3, 4, "text", "h1");
    private static final SectionText TWO = new SectionText(1, 5, 5, "text", "h2");

    private static Map<String, SectionText> batch(SectionText... sections) {
        Map<String, SectionText> b = new LinkedHashMap<>();
        for (SectionText s : sections) {
            b.put("S" + (b.size() + 1), s);
        }
        return b;
    }

    private static Optional<NotesCodec.Read> notes(String answer, Map<String, SectionText> batch) {
        return ModelJson.read(answer, "", root -> NotesCodec.read(root, batch));
    }

    private static List<SectionNote> notesOf(String answer, String label, SectionText... sections) {
        return notes(answer, batch(sections)).orElseThrow().byLabel().get(label);
    }

    private static Optional<List<QuestionMerger.Proposed>> questions(String answer, int pageCount) {
        return ModelJson.read(answer, "", root -> AnticipatedQuestionsStep.questions(root, pageCount, 10));
    }

    private static final String TWO_SECTIONS = """
            {"sections": [{"id": "S1", "notes": [{"kind": "fact", "text": "The fee is 55 euros.", "page": 3}]},
                          {"id": "S2", "notes": [{"kind": "date", "text": "Due on 1 May 2025.", "page": 5}]}]}""";

    @Test
    void proseBeforeAndAfterTheJsonIsSkipped() {
        String answer = "Sure! Here are the notes [as JSON] you asked for:\n" + TWO_SECTIONS
                + "\nI hope this helps. Let me know {if} you need more.";
        assertEquals("The fee is 55 euros.", notesOf(answer, "S1", ONE, TWO).get(0).text());
        assertEquals("Due on 1 May 2025.", notesOf(answer, "S2", ONE, TWO).get(0).text());
    }

    @Test
    void aMarkdownCodeFenceIsSkipped() {
        assertEquals(1, notesOf("```json\n" + TWO_SECTIONS + "\n```", "S2", ONE, TWO).size());
    }

    @Test
    void trailingCommasAreRead() {
        String answer = "{\"sections\": [{\"id\": \"S1\", \"notes\": [{\"text\": \"A note.\", \"page\": 3,},],},],}";
        assertEquals("A note.", notesOf(answer, "S1", ONE).get(0).text());
    }

    @Test
    void unescapedLineBreaksInsideStringsAreRead() {
        String answer = "{\"sections\": [{\"id\": \"S1\", \"notes\": [{\"text\": \"A note that goes\non a new line.\", "
                + "\"page\": 3}]}]}";
        assertEquals("A note that goes\non a new line.", notesOf(answer, "S1", ONE).get(0).text());
    }

    @Test
    void numbersWrittenAsStringsAreNumbers() {
        String answer = "{\"sections\": [{\"id\": \"S1\", \"notes\": [{\"text\": \"On four.\", \"page\": \"4\"}]}]}";
        assertEquals(4, notesOf(answer, "S1", ONE).get(0).page());
        Optional<List<QuestionMerger.Proposed>> q = questions(
                "{\"questions\": [{\"question\": \"What fee?\", \"answer\": \"55 euros.\", \"pages\": \"2\"}]}", 3);
        assertEquals(List.of(2), q.orElseThrow().get(0).pages());
    }

    @Test
    void pagesOrPageAsANumberAStringAListOrARange() {
        String notes = """
                {"sections": [{"id": "S1", "notes": [
                  {"text": "a", "pages": 4}, {"text": "b", "page": [4]}, {"text": "c", "pages": "p. 4"},
                  {"text": "d", "pages": "3-4"}, {"text": "e", "page": "4–5"}]}]}""";
        List<SectionNote> read = notesOf(notes, "S1", ONE);
        assertEquals(List.of(4, 4, 4, 3, 4), read.stream().map(SectionNote::page).toList(),
                "the first page of a range that lies in the section");
        String questions = """
                {"questions": [{"question": "Q1?", "answer": "A.", "page": 2},
                               {"question": "Q2?", "answer": "A.", "pages": "2-3"},
                               {"question": "Q3?", "answer": "A.", "pages": ["3", 1]}]}""";
        List<QuestionMerger.Proposed> q = questions(questions, 3).orElseThrow();
        assertEquals(List.of(List.of(2), List.of(2, 3), List.of(1, 3)), q.stream().map(QuestionMerger.Proposed::pages).toList());
        JsonNode c = ModelJson.parse("{\"summary\": \"s\", \"key_facts\": [{\"fact\": \"f\", \"page\": \"2-3\"}]}").orElseThrow();
        assertEquals(List.of(2, 3), LearnedContextJson.readModel(c, 9).orElseThrow().keyFacts().get(0).pages());
    }

    @Test
    void aBareStringWhereAnObjectIsExpectedIsTakenAsItsText() {
        List<SectionNote> notes = notesOf("{\"sections\": [{\"id\": \"S1\", \"notes\": [\"The fee is 55 euros.\"]}]}",
                "S1", ONE);
        assertEquals("The fee is 55 euros.", notes.get(0).text());
        assertEquals(SectionNote.Kind.FACT, notes.get(0).kind());
        assertEquals(1, notesOf("{\"sections\": [{\"id\": \"S1\", \"notes\": \"Only one note.\"}]}", "S1", ONE).size(),
                "a string where a list is expected is a list of one");
        JsonNode c = ModelJson.parse("{\"summary\": \"s\", \"key_facts\": [\"A fact.\", \"Another.\"]}").orElseThrow();
        assertEquals(2, LearnedContextJson.readModel(c, 9).orElseThrow().keyFacts().size());
        List<QuestionMerger.Proposed> q = questions("{\"questions\": [\"How much is the fee? 55 euros.\"]}", 3).orElseThrow();
        assertEquals("How much is the fee?", q.get(0).question());
        assertEquals("55 euros.", q.get(0).answer());
    }

    @Test
    void idsWrittenLowerCaseSpacedOrAsWordsAreTheLabels() {
        for (String id : List.of("s2", "S 2", "Section 2", "section_2", "2")) {
            String answer = "{\"sections\": [{\"id\": \"S1\", \"notes\": [\"One.\"]}, {\"id\": \"" + id
                    + "\", \"notes\": [\"Two.\"]}]}";
            assertEquals("Two.", notesOf(answer, "S2", ONE, TWO).get(0).text(), id);
        }
        String numeric = "{\"sections\": [{\"id\": 2, \"notes\": [\"Two.\"]}]}";
        assertEquals("Two.", notesOf(numeric, "S2", ONE, TWO).get(0).text(), "an id written as a number");
        String keyed = "{\"S1\": [\"One.\"], \"s2\": {\"notes\": [\"Two.\"]}}";
        assertEquals("Two.", notesOf(keyed, "S2", ONE, TWO).get(0).text(), "sections keyed by their id");
    }

    @Test
    void aMissingIdInAOneSectionBatchIsThatSection() {
        assertEquals("One.", notesOf("{\"sections\": [{\"notes\": [\"One.\"]}]}", "S1", ONE).get(0).text());
        assertEquals("One.", notesOf("{\"notes\": [{\"text\": \"One.\", \"page\": 3}]}", "S1", ONE).get(0).text());
        assertEquals("One.", notesOf("[{\"text\": \"One.\"}]", "S1", ONE).get(0).text());
        assertEquals("One.", notesOf("{\"sections\": [{\"id\": \"The first section of the document\", \"notes\": "
                + "[\"One.\"]}]}", "S1", ONE).get(0).text(), "an id written as a sentence, one section asked for");
    }

    @Test
    void idsWrittenAsSentencesInABatchMatchNoSection() {
        String answer = "{\"sections\": [{\"id\": \"This section describes the fees.\", \"notes\": [\"One.\"]}, "
                + "{\"id\": \"S2\", \"notes\": [\"Two.\"]}]}";
        Map<String, List<SectionNote>> read = notes(answer, batch(ONE, TWO)).orElseThrow().byLabel();
        assertEquals(List.of("S2"), List.copyOf(read.keySet()), "S1 is asked for again on its own");
        assertTrue(notes("{\"sections\": [{\"id\": \"A sentence.\", \"notes\": [\"x\"]}]}", batch(ONE, TWO)).isEmpty());
    }

    @Test
    void extraKeysAreIgnored() {
        String answer = """
                {"document": "x.pdf", "model": "me", "sections": [{"id": "S1", "title": "Fees", "confidence": 0.9,
                  "notes": [{"kind": "number", "text": "55 euros.", "page": 3, "importance": "high"}]}]}""";
        SectionNote n = notesOf(answer, "S1", ONE).get(0);
        assertEquals(new SectionNote(SectionNote.Kind.NUMBER, "55 euros.", "", 3), n);
        List<QuestionMerger.Proposed> q = questions("{\"questions\": [{\"id\": 1, \"question\": \"Q?\", \"answer\": \"A.\", "
                + "\"pages\": [1], \"difficulty\": \"easy\"}]}", 3).orElseThrow();
        assertEquals(1, q.size());
    }

    @Test
    void duplicatedItemsAreKeptOnce() {
        String answer = """
                {"sections": [{"id": "S1", "notes": ["One.", "One.", "Two."]},
                              {"id": "S1", "notes": ["Two.", "Three."]}]}""";
        assertEquals(List.of("One.", "Two.", "Three."), notesOf(answer, "S1", ONE).stream().map(SectionNote::text).toList(),
                "a section written twice is one section, each note once");
        JsonNode c = ModelJson.parse("{\"summary\": \"s\", \"key_facts\": [\"A.\", \"A.\", \"B.\"]}").orElseThrow();
        assertEquals(2, LearnedContextJson.readModel(c, 9).orElseThrow().keyFacts().size());
    }

    @Test
    void aPageOutsideTheSectionIsDroppedNotClamped() {
        String answer = "{\"sections\": [{\"id\": \"S1\", \"notes\": [{\"text\": \"On seven.\", \"page\": 7}, "
                + "{\"text\": \"On three.\", \"page\": 3}]}]}";
        NotesCodec.Read read = notes(answer, batch(ONE)).orElseThrow();
        assertEquals(List.of("On three."), read.byLabel().get("S1").stream().map(SectionNote::text).toList());
        assertEquals(1, read.dropped());
        List<QuestionMerger.Proposed> q = questions(
                "{\"questions\": [{\"question\": \"Q?\", \"answer\": \"A.\", \"pages\": [2, 40]}]}", 3).orElseThrow();
        assertEquals(List.of(2), q.get(0).pages(), "a page past the document's end is dropped");
    }

    @Test
    void jsonInTheThinkingFieldIsReadWhenTheTextHasNone() {
        Optional<NotesCodec.Read> read = ModelJson.read("", "Okay, the notes: " + TWO_SECTIONS,
                root -> NotesCodec.read(root, batch(ONE, TWO)));
        assertEquals(2, read.orElseThrow().byLabel().size());
        Optional<NotesCodec.Read> inline = ModelJson.read("<think>The user wants {notes}.</think>" + TWO_SECTIONS, "",
                root -> NotesCodec.read(root, batch(ONE, TWO)));
        assertEquals(2, inline.orElseThrow().byLabel().size(), "reasoning written into the answer itself");
    }

    @Test
    void theCompleteSectionsInsideAnAnswerThatBreaksOffAreStillRead() {
        SectionText three = new SectionText(2, 6, 6, "text", "h3");
        String answer = "{\"sections\": [{\"id\": \"S1\", \"notes\": [\"One.\"]}, {\"id\": \"S2\", \"notes\": "
                + "[\"Two.\"]}, {\"id\": \"S3\", \"notes\": [\"Thr";
        Map<String, List<SectionNote>> read = notes(answer, batch(ONE, TWO, three)).orElseThrow().byLabel();
        assertEquals(List.of("S1", "S2"), List.copyOf(read.keySet()), "S3 is asked for again");
    }

    @Test
    void proseWithoutJsonIsNoAnswer() {
        assertTrue(notes("I am sorry, I cannot take notes on this document.", batch(ONE)).isEmpty());
        assertTrue(questions("Here are some questions: what is it about?", 3).isEmpty());
    }
}
