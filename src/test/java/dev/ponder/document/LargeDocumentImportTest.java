package dev.ponder.document;

import dev.ponder.testing.Corpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.DocumentEntry;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus case large-3000-pages: 3,000 pages, about 1.03 M characters, one fact on page 2718.
 * Runs in the default suite; it takes about half a minute on 2 cores, mostly embedding.
 */
@Tag("slow")
class LargeDocumentImportTest {

    /**
     * What importing may add to the heap in use (after a GC) over what was in use before it, whatever
     * the file size. Measured as an increase: this test shares its JVM with every other test class,
     * whose leftovers (a loaded embedding model, caches) are no part of the import.
     */
    private static final long HEAP_ADDED_LIMIT_BYTES = 200L * 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void threeThousandPagesImportWithProgressInBoundedMemoryAndKeepThePage2718Fact() {
        HeapSampler heap = new HeapSampler();
        try (TestLibrary library = new TestLibrary(dataDir)) {
            long start = System.nanoTime();
            ImportOutcome outcome = library.importer.importFile(Corpus.tricky("large-3000-pages.pdf"), Optional.empty(), heap);
            long millis = (System.nanoTime() - start) / 1_000_000;

            DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class, outcome).document();
            assertEquals(3000, doc.pages());
            assertEquals(Optional.empty(), doc.message());
            List<PageText> pages = library.repository.pages(doc.id());
            assertEquals(3000, pages.size());
            assertTrue(pages.get(2717).text().contains("31-47-09"), pages.get(2717).text());
            assertEquals(1, pages.stream().filter(p -> p.text().contains("31-47-09")).count());

            List<SectionEntry> withFact = library.repository.sections(List.of(doc.id())).stream()
                    .filter(s -> s.text().contains("31-47-09")).toList();
            assertEquals(1, withFact.size());
            assertTrue(withFact.get(0).firstPage() <= 2718 && 2718 <= withFact.get(0).lastPage(),
                    () -> "section spans " + withFact.get(0).firstPage() + "-" + withFact.get(0).lastPage());

            assertTrue(heap.stages.contains("Reading page 1 of 3000"));
            assertTrue(heap.stages.contains("Reading page 3000 of 3000"));
            assertTrue(heap.stages.stream().anyMatch(s -> s.startsWith("Preparing section")));
            assertEquals(1.0, heap.fractions.get(heap.fractions.size() - 1));
            for (int i = 1; i < heap.fractions.size(); i++) {
                assertTrue(heap.fractions.get(i) >= heap.fractions.get(i - 1), "progress went backwards");
            }
            long added = heap.maxUsed.get() - heap.before;
            assertTrue(added < HEAP_ADDED_LIMIT_BYTES, () -> "the import added " + added / 1_048_576 + " MB to the heap ("
                    + heap.before / 1_048_576 + " MB before, at most " + heap.maxUsed.get() / 1_048_576 + " MB)");

            System.out.printf("large-3000-pages: %d ms in all (reading %d ms), %d chars, %d sections, heap after GC %d MB "
                    + "before, at most %d MB while importing%n", millis, heap.readingMillis(start), doc.chars(), doc.sections(),
                    heap.before / 1_048_576, heap.maxUsed.get() / 1_048_576);
        }
    }

    /** Records progress and samples the heap (after a GC) every 500 pages and every 10 batches. */
    private static final class HeapSampler implements ImportProgress {
        final RecordingProgress recorded = new RecordingProgress();
        final List<String> stages = recorded.stages;
        final List<Double> fractions = recorded.fractions;
        final AtomicLong maxUsed = new AtomicLong();
        /** Heap in use after a GC when the sampler was made, before the import. */
        final long before = usedAfterGc();
        private long readingEnded;
        private int calls;

        @Override
        public void progress(String stage, double fraction) {
            recorded.progress(stage, fraction);
            if (stage.equals("Reading page 3000 of 3000")) {
                readingEnded = System.nanoTime();
            }
            if (stage.endsWith("00 of 3000") || (stage.startsWith("Preparing") && ++calls % 10 == 0)) {
                maxUsed.accumulateAndGet(usedAfterGc(), Math::max);
            }
        }

        private static long usedAfterGc() {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        long readingMillis(long start) {
            return (readingEnded - start) / 1_000_000;
        }
    }
}
