package dev.ponder.document;

import dev.ponder.llm.Embedder;
import dev.ponder.store.SectionEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds sections in batches, so progress can be reported and cancellation checked between
 * batches, and a 3,000-page document does not go to the model as one list of a thousand texts.
 */
final class SectionEmbedder {

    /** Sections per {@link Embedder#embedAll} call; large enough to keep both cores busy. */
    static final int BATCH_SIZE = 32;

    /** Receives progress after each batch. */
    @FunctionalInterface
    interface BatchProgress {
        void embedded(int sectionsDone, int sectionCount);
    }

    private final Embedder embedder;

    SectionEmbedder(Embedder embedder) {
        this.embedder = embedder;
    }

    /**
     * @param documentId owning document, copied into each entry
     * @throws ImportCancelledException when {@code progress} or the thread asks to stop
     * @throws RuntimeException         whatever the embedding model throws
     */
    List<SectionEntry> embed(long documentId, List<Sectioner.Section> sections, BatchProgress batchProgress,
            ImportProgress progress) throws ImportCancelledException {
        List<SectionEntry> out = new ArrayList<>(sections.size());
        for (int from = 0; from < sections.size(); from += BATCH_SIZE) {
            if (progress.cancelled() || Thread.currentThread().isInterrupted()) {
                throw new ImportCancelledException();
            }
            List<Sectioner.Section> batch = sections.subList(from, Math.min(sections.size(), from + BATCH_SIZE));
            List<float[]> vectors = embedder.embedAll(batch.stream().map(Sectioner.Section::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                Sectioner.Section s = batch.get(i);
                out.add(new SectionEntry(0, documentId, s.ordinal(), s.firstPage(), s.lastPage(), s.text(),
                        s.textSha256(), vectors.get(i)));
            }
            batchProgress.embedded(out.size(), sections.size());
        }
        return out;
    }
}
