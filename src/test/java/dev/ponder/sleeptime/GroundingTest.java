package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.store.AnticipatedQuestion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check a prepared answer passes before it may be served with 0 tokens. */
class GroundingTest {

    private static final String PAGES = """
            Model Q7 Widget Service Note. The warranty lasts 27 months from the date of purchase.
            Call the hotline at 555-0142. The Senate met on September 17, 1787. Shipping costs 1,250 dollars.
            Representatives are chosen every second Year by the People of the several States.""";
    private final Grounding grounding = new Grounding(PAGES);

    private AnticipatedQuestion.Grounding outcome(String answer) {
        return grounding.check(answer).grounding();
    }

    @Test
    void anAnswerWhoseNumbersAndNamesAreOnItsPagesIsGrounded() {
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("The warranty of the Q7 widget lasts 27 months."));
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("It met on September 17, 1787."), "a date by its parts");
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("Call 555-0142."));
    }

    @Test
    void anInventedNumberOrNameIsNotGroundedAndIsNamed() {
        Grounding.Outcome invented = grounding.check("The warranty lasts 99 months, says Napoleon.");
        assertEquals(AnticipatedQuestion.Grounding.UNGROUNDED, invented.grounding());
        assertEquals(List.of("99", "Napoleon"), invented.missing());
        assertEquals(List.of("1788"), grounding.check("The Senate met on September 17, 1788.").missing());
        assertEquals(List.of("October"), grounding.check("The Senate met on October 17, 1787.").missing());
    }

    @Test
    void numbersCompareWithoutSeparatorsAndWordsWithoutCaseOrPlural() {
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("Shipping costs 1250 dollars."));
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("Shipping costs 1,250.00 dollars, not 01250."),
                "1,250.00 is 1,250; 01250 is 1250");
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("A Representative is chosen by the PEOPLE of each State."),
                "plural, case and a word only capitalised at the start");
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED, outcome("The Senate's meeting."), "a possessive");
    }

    @Test
    void wordsThatOnlyStartASentenceAreNotNames() {
        assertEquals(List.of(), Grounding.terms("Yes. The answer is in it. There is none."));
        assertEquals(List.of("27", "7", "Q", "Widget"), Grounding.terms("It is 27 months for the Q7 Widget."));
    }
}
