package dev.ponder.document;

import dev.ponder.store.DocumentEntry;
import dev.ponder.testing.Corpus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a citation takes to appear in the page viewer: drawing a page and finding its marks,
 * from opening the file (checked by size and SHA-256) to the pixels. Prints numbers; asserts none.
 * Run: {@code mvn -B -q test -Dtest=PageRenderBenchmark -Dsurefire.excludedGroups= -Dgroups=benchmark}
 */
@Tag("benchmark")
class PageRenderBenchmark {

    private static final int RUNS = 7;

    @TempDir
    Path dataDir;

    @Test
    void drawingACitedPage() {
        try (TestLibrary library = new TestLibrary(dataDir)) {
            for (String name : new String[] {"large-3000-pages.pdf", "rotated-pages.pdf"}) {
                DocumentEntry doc = ((ImportOutcome.Imported) library.importer.importFile(Corpus.tricky(name),
                        Optional.empty(), ImportProgress.NONE)).document();
                int page = name.startsWith("large") ? 2718 : 2;
                for (int width : new int[] {816, 1632}) {
                    long[] ms = new long[RUNS];
                    for (int i = 0; i < RUNS; i++) {
                        // a new renderer each run: the first view of a file also hashes it
                        PageRenderer renderer = new PageRenderer(library.repository);
                        long t0 = System.nanoTime();
                        renderer.view(doc.id(), page, "The vault combination is 31-47-09; inspection on 9 May 2023.", width);
                        ms[i] = (System.nanoTime() - t0) / 1_000_000;
                    }
                    Arrays.sort(ms);
                    System.out.printf("page view: %s p. %d at %d px: median %d ms, min %d, max %d (%d runs, %.1f MB file)%n",
                            name, page, width, ms[RUNS / 2], ms[0], ms[RUNS - 1], RUNS, doc.byteSize() / 1e6);
                }
            }
        }
    }
}
