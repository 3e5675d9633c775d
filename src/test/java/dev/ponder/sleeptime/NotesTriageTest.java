package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.Sectioner;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionText;
import dev.ponder.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The skip rules of {@link NotesTriage} on real PDFs of the shared corpus and sample-docs, read as
 * the import reads them: what they skip, and that ordinary text is never skipped. latex2e-reference-fr
 * (312 pages, half a minute to extract) is checked in {@link CorpusFactsTest}, in the {@code benchmark} tier.
 */
class NotesTriageTest {

    @Test
    void bibliographyEntriesAreSkippedAndTheTextAroundThemIsRead() throws Exception {
        CorpusSections acm = CorpusSections.of(Corpus.real("acm-sigconf-two-column.pdf"));
        List<NotesTriage.Skip> skipped = acm.skipped();

        assertEquals(8, skipped.size(), describe(skipped));
        assertTrue(skipped.stream().allMatch(k -> k.reason() == NotesTriage.Reason.BIBLIOGRAPHY), describe(skipped));
        // the section with the acknowledgements and [1]-[3], and the one with [37], [38] and the appendix, are read
        assertFalse(skippedText(skipped).contains("ACKNOWLEDGMENTS"));
        assertFalse(skippedText(skipped).contains("RESEARCH METHODS"));
        assertTrue(skippedText(skipped).contains("[22] Donald E. Knuth. 1997."));
    }

    @Test
    void anIndexIsSkippedAndAChangeHistoryWithPageNumbersIsRead() throws Exception {
        CorpusSections booktabs = CorpusSections.of(Corpus.real("booktabs-tables.pdf"));
        List<NotesTriage.Skip> skipped = booktabs.skipped();

        assertEquals(5, skipped.size(), describe(skipped));
        assertTrue(skipped.stream().allMatch(k -> k.reason() == NotesTriage.Reason.CONTENTS_OR_INDEX), describe(skipped));
        assertTrue(skipped.stream().allMatch(k -> k.section().firstPage() >= 16), describe(skipped));
        assertFalse(skippedText(skipped).contains("Danie Els"), "the change history names who changed what");
    }

    @Test
    void aContentsListInChineseIsSkipped() throws Exception {
        CorpusSections guide = CorpusSections.of(Corpus.real("install-latex-guide-zh-cn.pdf"));
        List<NotesTriage.Skip> skipped = guide.skipped();

        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8), skipped.stream().map(k -> k.section().ordinal()).toList(),
                describe(skipped));
        assertTrue(skipped.stream().allMatch(k -> k.reason() == NotesTriage.Reason.CONTENTS_OR_INDEX));
        // the version history at the end (numbered changes with years) is not taken for a bibliography
        assertTrue(skipped.stream().allMatch(k -> k.section().lastPage() <= 5), describe(skipped));
    }

    @Test
    void aSlideShownAgainWithOneMoreLabelIsSkippedAndTheLastSlideOfTheRunIsRead() throws Exception {
        CorpusSections deck = CorpusSections.of(Corpus.real("beamer-conference-talk-slides.pdf"));
        List<NotesTriage.Skip> skipped = deck.skipped();

        assertEquals(1, skipped.size(), describe(skipped));
        NotesTriage.Skip k = skipped.get(0);
        assertEquals(NotesTriage.Reason.REPEATED_SLIDE, k.reason());
        assertEquals(7, k.section().firstPage());
        assertEquals(9, k.section().lastPage());
        // page 10, the run's last slide, says all pages 7-9 said: it is read
        assertTrue(deck.sections().stream().anyMatch(s -> s.firstPage() <= 10 && s.lastPage() >= 10
                && !skipped.contains(new NotesTriage.Skip(s, NotesTriage.Reason.REPEATED_SLIDE))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-constitution-bill-of-rights.pdf", "float-package-paper.pdf",
            "formation-latex-ul-diapos-fr.pdf", "polyglossia-example-arabic.pdf"})
    void ordinaryDocumentsLoseNoSection(String file) throws Exception {
        List<NotesTriage.Skip> skipped = CorpusSections.of(Corpus.real(file)).skipped();

        assertTrue(skipped.isEmpty(), describe(skipped));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hausarbeit-jura-de.pdf"})
    void aGermanManualWithAChangeHistoryLosesNoSection(String file) throws Exception {
        List<NotesTriage.Skip> skipped = CorpusSections.of(Corpus.sample(file)).skipped();

        assertTrue(skipped.isEmpty(), describe(skipped));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rotated-pages.pdf", "ligatures-cm-type1.pdf", "acroform-filled-fields.pdf",
            "prompt-injection.pdf", "duplicate-invoice.pdf"})
    void smallTrickyFilesLoseNoSection(String file) throws Exception {
        List<NotesTriage.Skip> skipped = CorpusSections.of(Corpus.tricky(file)).skipped();

        assertTrue(skipped.isEmpty(), describe(skipped));
    }

    @Test
    void theFullTextOfTheGnuFdlIsSkippedAfterTheSectionThatNamesIt() throws Exception {
        // the licence as Debian ships it, laid out 45 lines a page as a manual's appendix would be
        List<String> lines = Files.readAllLines(Path.of("/usr/share/common-licenses/GFDL-1.3"));
        List<PageText> pages = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += 45) {
            pages.add(new PageText(pages.size() + 1, String.join("\n", lines.subList(from, Math.min(lines.size(), from + 45))), true));
        }
        List<SectionText> sections = new Sectioner().sections(pages).stream()
                .map(s -> new SectionText(s.ordinal(), s.firstPage(), s.lastPage(), s.text(), s.textSha256())).toList();
        Map<Integer, String> byPage = new LinkedHashMap<>();
        pages.forEach(p -> byPage.put(p.pageNo(), p.text()));

        List<NotesTriage.Skip> skipped = NotesTriage.skipped(sections, byPage);

        assertTrue(skipped.stream().noneMatch(k -> k.section().ordinal() == 0), "the first section names the licence");
        // at least half: sections of the licence's addendum and of its shortest clauses do not read like one
        assertTrue(skipped.size() >= 0.5 * sections.size(), skipped.size() + " of " + sections.size() + " skipped");
        assertTrue(skipped.stream().allMatch(k -> k.reason() == NotesTriage.Reason.LICENCE_TEXT));
    }

    @Test
    void aLicenceNoticeIsRead() {
        // the notice of latex2e-reference-fr (p. 2): it reads like a licence, but it is one section, not a run
        String notice = """
                Permission is granted to make and distribute verbatim copies of this manual provided the
                copyright notice and this permission notice are preserved on all copies.
                Permission is granted to copy and distribute modified versions of this manual under the
                conditions for verbatim copying, provided that the entire resulting derived work is distri-
                buted under the terms of a permission notice identical to this one.""";
        List<SectionText> sections = List.of(new SectionText(0, 1, 1, notice, "a"),
                new SectionText(1, 2, 2, "Ce document est un manuel de référence officieux pour LaTeX.", "b"));

        assertTrue(NotesTriage.skipped(sections, Map.of(1, notice, 2, sections.get(1).text())).isEmpty());
    }

    static String describe(List<NotesTriage.Skip> skipped) {
        return skipped.stream().map(k -> "#" + k.section().ordinal() + " pp. " + k.section().firstPage() + "-"
                + k.section().lastPage() + " " + k.reason() + ": " + k.section().text().replace('\n', ' ')
                .substring(0, Math.min(80, k.section().text().length()))).collect(Collectors.joining("\n"));
    }

    private static String skippedText(List<NotesTriage.Skip> skipped) {
        return skipped.stream().map(k -> k.section().text()).collect(Collectors.joining("\n"));
    }
}
