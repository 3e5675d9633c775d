package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.SectionEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 19, item 2: when a prepared answer of one document may answer a question asked across several. */
class QuestionScopeTest {

    private static final long NOTE = 1;
    private static final long NOTICE = 2;
    private static final List<Long> LIBRARY = List.of(NOTE, NOTICE);

    private static Retriever.Scored section(long documentId, double score) {
        return section(documentId, score, false);
    }

    /** @param leads whether the words or the meaning ranked the section first (fused by reciprocal rank, issue 15) */
    private static Retriever.Scored section(long documentId, double score, boolean leads) {
        return new Retriever.Scored(new SectionEntry(0, documentId, 0, 1, 1, "text", "h", new float[0]), score, leads);
    }

    @Test
    void askedAboutTheDocumentAloneItsPreparedAnswerMayAnswerWithoutRetrieval() {
        assertTrue(QuestionScope.isAbout(NOTE, List.of(NOTE), null));
        assertFalse(QuestionScope.isAbout(NOTE, List.of(NOTICE), null));
    }

    @Test
    void acrossTheLibraryTheDocumentsSectionsMustRankFirstAndNoOtherDocumentComeClose() {
        assertTrue(QuestionScope.isAbout(NOTE, LIBRARY, List.of(section(NOTE, 0.033, true), section(NOTE, 0.032),
                section(NOTICE, 0.031))), "no ranking put the notice first: the question is not about it");
        assertFalse(QuestionScope.isAbout(NOTE, LIBRARY, List.of(section(NOTE, 0.032, true), section(NOTICE, 0.032, true))),
                "the words rank one document first, the meaning the other: both answer the question");
        assertFalse(QuestionScope.isAbout(NOTE, LIBRARY, List.of(section(NOTICE, 1.2), section(NOTE, 1.19))),
                "the other document ranks first");
        assertFalse(QuestionScope.isAbout(NOTE, LIBRARY, List.of()), "nothing retrieved: nothing is known");
        assertFalse(QuestionScope.isAbout(NOTE, LIBRARY, null));
    }

    @Test
    void aQuestionTouchesTheDocumentsOfItsThreeBestSectionsThatARankingPutFirst() {
        assertEquals(Set.of(NOTE, NOTICE), QuestionScope.touched(List.of(section(NOTE, 0.032), section(NOTE, 0.031),
                section(NOTICE, 0.0164, true))));
        assertEquals(Set.of(NOTE), QuestionScope.touched(List.of(section(NOTE, 0.032), section(NOTE, 0.031),
                section(NOTICE, 0.030))), "close in fused score is not enough");
        assertEquals(Set.of(NOTE), QuestionScope.touched(List.of(section(NOTE, 0.033), section(NOTE, 0.032),
                section(NOTE, 0.031), section(NOTICE, 0.0164, true))), "only the three best sections count");
        assertEquals(Set.of(), QuestionScope.touched(List.of()));
    }
}
