package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotesBudgetTest {

    @Test
    void aModelWithoutMeasurementsGetsTheFormerFixedBudget() {
        NotesBudget budget = new NotesBudget(List.of(120, 130));

        assertEquals(NotesBudget.DEFAULT_PER_SECTION, budget.perSection());
        assertEquals(6 * 500 + NotesBudget.BATCH_JSON_TOKENS, budget.forBatch(6));
    }

    @Test
    void theBudgetIsHalfAgainTheNinetiethPercentileOfWhatTheModelWrote() {
        // 18 sections at 200 tokens and 2 at 400: the 90th percentile is 200
        List<Integer> measured = new java.util.ArrayList<>(Collections.nCopies(18, 200));
        measured.addAll(List.of(400, 400));

        assertEquals(300, new NotesBudget(measured).perSection());
    }

    @Test
    void theBudgetStaysWithinItsFloorAndCeiling() {
        assertEquals(NotesBudget.FLOOR_PER_SECTION, new NotesBudget(Collections.nCopies(20, 40)).perSection());
        assertEquals(NotesBudget.CEILING_PER_SECTION, new NotesBudget(Collections.nCopies(20, 650)).perSection());
    }

    @Test
    void aSingleSectionIsNeverCutOffByABudgetMeasuredOnShorterOnes() {
        NotesBudget budget = new NotesBudget(Collections.nCopies(20, 100));

        assertEquals(NotesBudget.CEILING_PER_SECTION + NotesBudget.BATCH_JSON_TOKENS, budget.forBatch(1));
        assertEquals(3 * NotesBudget.FLOOR_PER_SECTION + NotesBudget.BATCH_JSON_TOKENS, budget.forBatch(3));
    }

    @Test
    void eachAnsweredCallIsAMeasurementForTheNextBatch() {
        NotesBudget budget = new NotesBudget(List.of());

        budget.observe(6 * 300, 6);
        budget.observe(6 * 300, 6);

        assertEquals(450, budget.perSection());
    }
}
