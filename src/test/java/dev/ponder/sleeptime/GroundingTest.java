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

    // the Chinese guide's preface (install-latex-guide-zh-cn.pdf, p. 2) and a German textbook's line
    private static final String CHINESE = "macOS 部分最初由 Xiangdong Zeng 草拟。作者以“啸行”的名义加入了 QQ 群。";
    private static final String GERMAN = "Das Grundgesetz gilt seit 1949. Der Bundestag wählt den Bundeskanzler.";

    @Test
    void aTranslatedNameIsGroundedThroughTheOriginalBesideIt() {
        Grounding chinese = new Grounding(CHINESE);
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED,
                chinese.check("The author joined the QQ groups as Xiaoxing (啸行).").grounding(), "translation, then original");
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED,
                chinese.check("He joined as 啸行 (Xiao Xing); Xiangdong Zeng drafted the macOS part.").grounding(),
                "original, then translation");
        Grounding german = new Grounding(GERMAN);
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED,
                german.check("The Basic Law (Grundgesetz) has applied since 1949.").grounding());
        assertEquals(AnticipatedQuestion.Grounding.GROUNDED,
                german.check("The Federal Chancellor (Bundeskanzler) is elected by the Bundestag.").grounding());
    }

    @Test
    void anOriginalTheDocumentDoesNotHaveOrAParenthesisWithoutANameVouchesForNothing() {
        Grounding chinese = new Grounding(CHINESE);
        Grounding.Outcome invented = chinese.check("The author joined as Napoleon (拿破仑).");
        assertEquals(AnticipatedQuestion.Grounding.UNGROUNDED, invented.grounding());
        assertEquals(List.of("Napoleon"), invented.missing());
        Grounding german = new Grounding(GERMAN);
        assertEquals(List.of("Napoleon"), german.check("Napoleon (see 1949) wrote the Grundgesetz.").missing(),
                "a number and common words are no original");
        assertEquals(List.of("99"), german.check("It has applied for 99 years (Grundgesetz).").missing(),
                "only the run just before the parenthesis is its translation");
        assertEquals(List.of("Senate", "Bundesrat"), german.check("The Senate (Bundesrat) elects him.").missing(),
                "an original that is not in the document");
    }
}
