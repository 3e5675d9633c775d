package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.base.Hashing;
import dev.ponder.store.PageText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SectionerTest {

    private final Sectioner sectioner = new Sectioner();

    private static String paragraph(int page, int n, int words) {
        return IntStream.range(0, words).mapToObj(w -> "p" + page + "para" + n + "word" + w)
                .collect(Collectors.joining(" "));
    }

    private static PageText page(int no, String text) {
        return new PageText(no, text, true);
    }

    @Test
    void sectionsStayWithinTheSizeLimitsAndBreakAtParagraphs() {
        List<PageText> pages = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            int pageNo = p;
            pages.add(page(p, IntStream.range(0, 6).mapToObj(n -> paragraph(pageNo, n, 25))
                    .collect(Collectors.joining("\n\n"))));
        }
        List<Sectioner.Section> sections = sectioner.sections(pages);

        assertTrue(sections.size() > 5);
        for (Sectioner.Section s : sections.subList(0, sections.size() - 1)) {
            assertTrue(s.text().length() >= Sectioner.MIN_CHARS, () -> "too short: " + s.text().length());
        }
        sections.forEach(s -> assertTrue(s.text().length() <= Sectioner.MAX_CHARS, "too long: " + s.text().length()));
        // every section ends with a whole paragraph: its last word is a paragraph's last word
        sections.forEach(s -> assertTrue(s.text().endsWith("word24"), s.text()));
    }

    @Test
    void aSectionMaySpanAPageBreakAndRecordsBothPages() {
        String line = paragraph(1, 0, 20);
        // no blank lines: one paragraph flowing over pages 3 and 4, page 3 alone too short for a section
        List<PageText> pages = List.of(page(3, line + "\n" + line), page(4, line + "\n" + line + "\n" + line));

        List<Sectioner.Section> sections = sectioner.sections(pages);

        assertEquals(3, sections.get(0).firstPage());
        assertEquals(4, sections.get(0).lastPage());
        assertEquals(4, sections.get(sections.size() - 1).lastPage());
        for (int i = 0; i < sections.size(); i++) {
            assertEquals(i, sections.get(i).ordinal());
        }
    }

    @Test
    void everyWordLandsInExactlyOneSectionInOrder() {
        List<PageText> pages = List.of(page(1, paragraph(1, 0, 200)), page(2, paragraph(2, 0, 90) + "\n\n" + paragraph(2, 1, 90)));
        String all = pages.stream().map(PageText::text).collect(Collectors.joining(" "));

        String joined = sectioner.sections(pages).stream().map(Sectioner.Section::text).collect(Collectors.joining(" "));

        assertEquals(List.of(all.split("\\s+")), List.of(joined.split("\\s+")));
    }

    @Test
    void aLongUnbrokenLineIsSplitSafely() {
        String noSpaces = "x".repeat(1000) + "\uD83D\uDE00" + "y".repeat(3000); // an emoji (surrogate pair) inside
        List<Sectioner.Section> sections = sectioner.sections(List.of(page(7, noSpaces)));

        assertTrue(sections.size() >= 4);
        sections.forEach(s -> {
            assertTrue(s.text().length() <= Sectioner.MAX_CHARS);
            assertFalse(Character.isHighSurrogate(s.text().charAt(s.text().length() - 1)), "pair cut in half");
            assertFalse(Character.isLowSurrogate(s.text().charAt(0)), "pair cut in half");
            assertEquals(7, s.firstPage());
            assertEquals(7, s.lastPage());
        });
        assertEquals(noSpaces, sections.stream().map(Sectioner.Section::text).collect(Collectors.joining()));
    }

    @Test
    void aLongLineWithSpacesIsSplitBetweenWords() {
        String words = IntStream.range(0, 600).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));

        List<Sectioner.Section> sections = sectioner.sections(List.of(page(1, words)));

        assertTrue(sections.size() > 1);
        sections.forEach(s -> assertTrue(s.text().matches("word\\d+( word\\d+)*"), "a word was cut: " + s.text()));
    }

    @Test
    void pagesWithoutTextGiveNoSectionAndAreNeverSpanned() {
        String line = paragraph(1, 0, 20);
        List<PageText> pages = List.of(page(1, line), new PageText(2, "", false), page(3, line));

        List<Sectioner.Section> sections = sectioner.sections(pages);

        assertEquals(2, sections.size());
        assertEquals(1, sections.get(0).lastPage());
        assertEquals(3, sections.get(1).firstPage());
        assertTrue(sectioner.sections(List.of(new PageText(1, "", false))).isEmpty());
    }

    @Test
    void theSameInputGivesTheSameSectionsAndHashes() {
        List<PageText> pages = List.of(page(1, paragraph(1, 0, 300)), page(2, paragraph(2, 0, 120)));

        List<Sectioner.Section> first = new Sectioner().sections(pages);
        List<Sectioner.Section> second = new Sectioner().sections(pages);

        assertEquals(first, second);
        assertEquals(Hashing.sha256Hex(first.get(0).text()), first.get(0).textSha256());
        assertEquals(64, first.get(0).textSha256().length());
    }
}
