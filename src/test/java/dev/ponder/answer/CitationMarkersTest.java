package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponder.store.Citation;
import dev.ponder.store.SectionEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationMarkersTest {

    private static Source source(String label, long doc, String name, int first, int last) {
        return new Source.Section(label, new SectionEntry(0, doc, 0, first, last, "text", "h", new float[0]), name);
    }

    @Test
    void labelSplitAcrossStreamedChunksBecomesAPageReference() {
        CitationMarkers markers = new CitationMarkers(List.of(source("S1", 1, "a.pdf", 3, 3)));
        String shown = markers.accept("The warranty is 27 months [") + markers.accept("S") + markers.accept("1].")
                + markers.flush();
        assertEquals("The warranty is 27 months [p. 3].", shown);
        assertEquals(List.of(new Citation(1, "a.pdf", 3)), markers.cited());
    }

    @Test
    void severalDocumentsAreNamedAndSpansListEveryPage() {
        CitationMarkers markers = new CitationMarkers(List.of(
                source("S1", 1, "a.pdf", 2, 3), source("S2", 2, "b.pdf", 7, 7)));
        String shown = markers.accept("Both agree [S1, S2].") + markers.flush();
        assertEquals("Both agree [a.pdf pp. 2–3; b.pdf p. 7].", shown);
        assertEquals(List.of(new Citation(1, "a.pdf", 2), new Citation(1, "a.pdf", 3), new Citation(2, "b.pdf", 7)),
                markers.cited());
    }

    @Test
    void labelsTheModelInventedAreDroppedAndOrdinaryBracketsKept() {
        CitationMarkers markers = new CitationMarkers(List.of(source("S1", 1, "a.pdf", 1, 1)));
        String shown = markers.accept("See [S9] and [note] and [") + markers.flush();
        assertEquals("See  and [note] and [", shown);
        assertEquals(List.of(), markers.cited());
    }
}
