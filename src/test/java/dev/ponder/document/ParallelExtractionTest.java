package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading a PDF's pages on several threads (each with its own PDFBox document) gives exactly what
 * reading them in order on one thread gives: the same page texts in the same order, the same
 * warning and the same per-page flags — on every file of the tricky corpus (read one page per block,
 * so pages of every kind cross threads) and on the two large real files on two threads.
 */
class ParallelExtractionTest {

    private static PdfExtractor.Result inOrder(Path pdf) throws Exception {
        return new PdfExtractor(false, 1, Integer.MAX_VALUE, PdfExtractor.PAGE_BLOCK)
                .extract(pdf, Optional.empty(), (d, n) -> { }, () -> false);
    }

    @Test
    void everyTrickyFileReadsTheSameOnSeveralThreadsAsInOrder() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Corpus.root().resolve("tricky"))) {
            files = s.filter(p -> p.toString().endsWith(".pdf")).filter(p -> !p.getFileName().toString().startsWith("large"))
                    .sorted().toList();
        }
        assertTrue(files.size() >= 10, "the tricky corpus is there");
        PdfExtractor parallel = new PdfExtractor(false, 4, 2, 1);
        for (Path pdf : files) {
            PdfExtractor.Result expected = inOrder(pdf);
            PdfExtractor.Result actual = parallel.extract(pdf, Optional.empty(), (d, n) -> { }, () -> false);
            assertEquals(expected, actual, pdf.getFileName().toString());
        }
    }

    @Test
    void largeFilesReadTheSameWithTheDefaultThreads() throws Exception {
        for (Path pdf : List.of(Corpus.tricky("large-3000-pages.pdf"), Corpus.real("latex2e-reference-fr.pdf"))) {
            List<Integer> reported = new ArrayList<>();
            PdfExtractor twoThreads = new PdfExtractor(false, 2, PdfExtractor.PARALLEL_MIN_PAGES, PdfExtractor.PAGE_BLOCK);
            PdfExtractor.Result actual = twoThreads.extract(pdf, Optional.empty(), (d, n) -> reported.add(d), () -> false);
            PdfExtractor.Result expected = inOrder(pdf);
            PdfExtractor.Result.Text text = assertInstanceOf(PdfExtractor.Result.Text.class, expected);
            assertEquals(2, twoThreads.threads(text.pages().size()), "read on two threads");
            assertEquals(expected, actual, pdf.getFileName().toString());
            assertEquals(java.util.stream.IntStream.rangeClosed(1, text.pages().size()).boxed().toList(), reported,
                    "every page reported once, in order, as in order");
        }
    }

    @Test
    void byDefaultHalfTheProcessorsReadAtMostFour() {
        assertEquals(1, PdfExtractor.defaultThreads(1));
        assertEquals(1, PdfExtractor.defaultThreads(2));
        assertEquals(2, PdfExtractor.defaultThreads(4));
        assertEquals(4, PdfExtractor.defaultThreads(16));
        assertEquals(1, new PdfExtractor(false, 4, PdfExtractor.PARALLEL_MIN_PAGES, 16).threads(63), "small files in order");
    }

    @Test
    void cancellingStopsEveryThread() {
        Path pdf = Corpus.tricky("large-3000-pages.pdf");
        List<Integer> reported = new ArrayList<>();
        org.junit.jupiter.api.Assertions.assertThrows(ImportCancelledException.class, () -> new PdfExtractor(false, 2,
                PdfExtractor.PARALLEL_MIN_PAGES, PdfExtractor.PAGE_BLOCK).extract(pdf,
                Optional.empty(), (d, n) -> reported.add(d), () -> reported.size() >= 5));
        assertTrue(reported.get(reported.size() - 1) < 3000, "stopped before the end");
    }
}
