package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextQualityTest {

    private static final String ENGLISH = "The warranty on the Model Q7 widget runs for twenty-seven months. Call the "
            + "hotline at 555-0142 when the filters rattle, and clean them every ninety days.";

    @Test
    void realTextInSeveralLanguagesIsFine() {
        for (String text : List.of(ENGLISH,
                "Die Gewährleistung für das Gerät beträgt siebenundzwanzig Monate; Angstschweiß ist nicht nötig, "
                        + "wenn die Filter alle neunzig Tage gereinigt werden.",
                "Čtyři sta čtyřicet čtyři stříbrných stříkaček stříkalo přes čtyři sta čtyřicet čtyři stříbrných střech.",
                "La garantie du modèle est de vingt-sept mois ; nettoyez les filtres tous les quatre-vingt-dix jours.",
                "保修期为二十七个月。请每九十天清洁一次过滤器。热线电话是五五五零一四二。这一行是中文文本，没有拉丁字母。",
                "2016 1,204 1,388 1,512\n2017 1,300 1,420 1,610\n2018 1,350 1,499 1,702\nTotal 3,854 4,307 4,824")) {
            assertEquals(Optional.empty(), TextQuality.problem(text, text.length(), 0), text);
        }
    }

    @Test
    void glyphsWithoutUnicodeValuesMakeThePageGarbled() {
        assertTrue(TextQuality.problem(ENGLISH, 100, 40).isPresent());
        assertEquals(Optional.empty(), TextQuality.problem(ENGLISH, 100, 5));
    }

    @Test
    void controlAndPrivateUseCharactersMakeThePageGarbled() {
        String codes = "\u0001\u0002\u0003\u0003\u0004 \u0005\u0004\u0006\u0003\u0007 \uE001\uE002\uE003\uFFFD\uFFFD the end";
        assertTrue(TextQuality.problem(codes, 0, 0).isPresent());
    }

    @Test
    void vowellessLetterSaladMakesThePageGarbled() {
        String salad = "vcj dqssqmvg nm vcj lnkjh ddkbjv sbmt wns vdjmvg tjcjm lnmvct qmk vcj cnvhdmj dt nljm wsnl";
        assertTrue(TextQuality.problem(salad + " " + salad, 0, 0).isPresent());
    }

    @Test
    void shortTextIsNotJudged() {
        assertEquals(Optional.empty(), TextQuality.problem("xkcd PJ-5520 EMP", 0, 0));
    }
}
