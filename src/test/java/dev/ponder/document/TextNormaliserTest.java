package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormaliserTest {

    @Test
    void latinLigaturesBecomePlainLetters() {
        assertEquals("office affluent fifty flat ffl st st",
                TextNormaliser.normalise("o\uFB03ce a\uFB04uent \uFB01fty \uFB02at \uFB04 \uFB05 \uFB06"));
    }

    @Test
    void combiningAccentsAreComposed() {
        assertEquals("être café", TextNormaliser.normalise("e\u0302tre cafe\u0301"));
    }

    @Test
    void compatibilityFormsThatCarryMeaningAreKept() {
        // NFKC would turn these into "m2", "1/2", "1" and ASCII punctuation
        String text = "m² ½ ① 中文，全角：ＡＢ";
        assertEquals(text, TextNormaliser.normalise(text));
    }

    @Test
    void lineEndsAndControlCharactersAreCleaned() {
        assertEquals("a\nb\nc\td\n\ne", TextNormaliser.normalise("a  \r\nb\rc\td\u0000\u0007\n \n\n\ne"));
    }
}
