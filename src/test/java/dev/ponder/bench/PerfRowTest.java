package dev.ponder.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PerfRowTest {

    @Test
    void aTargetInTimesIsHeldAgainstTheRatioAndAnyOtherAgainstTheValue() {
        assertEquals("no", new PerfRow("extraction, first run", "332", "pages/s", "pdftotext 1021", "0.33×", "≥ 0.50×").met());
        assertEquals("yes", new PerfRow("extraction, warm", "1518", "pages/s", "pdftotext 1021", "1.49×", "≥ 0.50×").met());
        assertEquals("yes", new PerfRow("input → closed, p95", "15.4", "ms", "–", "–", "≤ 200 ms").met());
        assertEquals("no", new PerfRow("first token, loaded", "68.0", "ms", "idle 55.0 ms", "1.24×", "≤ 1.10×").met());
        assertEquals("yes", new PerfRow("first token, loaded", "51.0", "ms", "idle 51.0 ms", "1.00×", "≤ 1.10×").met());
    }

    @Test
    void withoutATargetOrANumberNothingIsSaid() {
        assertEquals("–", new PerfRow("wall time", "24.1", "s", "–", "–", "–").met());
        assertEquals("–", new PerfRow("prepared, p95", "no anticipated questions", "ms", "–", "–", "≤ 50 ms").met());
    }
}
