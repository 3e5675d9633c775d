package dev.ponder.sleeptime;

import dev.ponder.llm.TokenEstimate;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.DocumentImporter;
import dev.ponder.document.ImportOutcome;
import dev.ponder.document.ImportProgress;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LearnedContextEntry;
import dev.ponder.store.SectionNotesEntry;
import dev.ponder.store.SectionText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corpus case large-3000-pages (3,000 pages, about 1 M characters, one fact on page 2718): the
 * sections are mapped in batches with progress, the notes are reduced hierarchically, memory stays
 * bounded and c′ stays within its budget.
 */
@Tag("slow")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LongDocumentTest {

    /**
     * What thinking may add to the heap in use after a GC, whatever the document's size. Measured as
     * growth over the heap in use when thinking starts: the test JVM is shared with other test
     * classes, whose leftovers (a loaded embedding model, caches) are not this test's to bound.
     */
    private static final long HEAP_GROWTH_LIMIT_BYTES = 100L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void threeThousandPagesAreThoughtAboutInBoundedMemoryWithinTheBudget() throws Exception {
        Path pdf = Path.of(System.getProperty("ponder.corpus", "../shared/corpus"), "tricky", "large-3000-pages.pdf");
        assertTrue(Files.isRegularFile(pdf), "missing " + pdf);
        try (SleepTimeHarness h = new SleepTimeHarness(dir)) {
            ImportOutcome outcome = new DocumentImporter(h.library, new HashingEmbedder())
                    .importFile(pdf, Optional.empty(), ImportProgress.NONE);
            DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class, outcome).document();
            List<String> sentences = new CopyOnWriteArrayList<>();
            AtomicLong maxHeap = new AtomicLong();
            h.service().addListener(status -> {
                if (status.state() == SleepTimeState.THINKING && !sentences.contains(status.sentence())) {
                    sentences.add(status.sentence());
                    if (sentences.size() % 25 == 0) {
                        maxHeap.accumulateAndGet(heapAfterGc(), Math::max);
                    }
                }
            });
            long heapBefore = heapAfterGc();
            long start = System.nanoTime();

            ThinkOutcome thought = h.service().think(doc.id()).get(200, TimeUnit.SECONDS);

            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(thought.ready(), () -> thought.failure().orElse(""));
            int sections = doc.sections();
            int notesCalls = h.requests(ScriptedSleepModel.Task.SECTION_NOTES).size();
            int digests = h.requests(ScriptedSleepModel.Task.DIGEST).size();
            assertTrue(notesCalls >= sections / SectionNotesStep.MAX_SECTIONS_PER_CALL && notesCalls < sections / 3,
                    "sections are batched: " + notesCalls + " calls for " + sections + " sections");
            assertTrue(digests > 1, "the notes of 3,000 pages are condensed part by part first");
            assertTrue(sentences.contains("Thinking about large-3000-pages.pdf — section 1 of " + sections), sentences.get(0));
            assertTrue(sentences.stream().anyMatch(s -> s.contains("writing the learned context (part 2 of ")), sentences::toString);

            LearnedContextEntry c = h.learned.latestLearnedContext(doc.id()).orElseThrow();
            assertTrue(c.renderedTokens() <= c.budgetTokens(), c.renderedTokens() + " > " + c.budgetTokens());
            assertTrue(TokenEstimate.of(c.rendered()) <= c.budgetTokens());

            // the page-2718 fact is in its section's notes, with its page
            SectionText vault = h.sleep.sectionTexts(doc.id()).stream().filter(s -> s.text().contains("31-47-09"))
                    .findFirst().orElseThrow();
            Map<String, SectionNotesEntry> notes = h.sleep.sectionNotes(doc.id(), "llama3.2", SectionNotesStep.promptVersion());
            List<SectionNote> vaultNotes = NotesCodec.fromStored(notes.get(vault.textSha256()).notesJson(),
                    vault.firstPage(), vault.lastPage());
            assertTrue(vaultNotes.stream().anyMatch(n -> n.text().contains("31-47-09") && n.page() == 2718),
                    vaultNotes::toString);
            long growth = maxHeap.get() - heapBefore;
            assertTrue(growth < HEAP_GROWTH_LIMIT_BYTES, () -> "thinking added " + growth / 1_048_576 + " MB to the heap");
            System.out.printf("large-3000-pages: %d sections, %d notes calls, %d digests, c′ %d of %d tokens, "
                    + "%d ms, heap after GC %d MB before thinking, at most %d MB while thinking%n", sections, notesCalls,
                    digests, c.renderedTokens(), c.budgetTokens(), ms, heapBefore / 1_048_576, maxHeap.get() / 1_048_576);
        }
    }

    private static long heapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
