package dev.ponder.document;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.store.Database;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LibraryRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real library for tests: an H2 file in a temp dir, the real repository, and the real MiniLM
 * embedder (loaded once per test JVM, since loading takes seconds) behind a call counter.
 */
final class TestLibrary implements AutoCloseable {

    private static final class Model {
        static final Embedder MINI_LM = new MiniLmEmbedder();
    }

    final Database database;
    final LibraryRepository repository;
    final CountingEmbedder embedder = new CountingEmbedder(Model.MINI_LM);
    final DocumentImporter importer;

    TestLibrary(Path dataDir) {
        database = Database.open(dataDir);
        repository = new LibraryRepository(database);
        importer = new DocumentImporter(repository, embedder);
    }

    List<DocumentEntry> documents() {
        return repository.all();
    }

    /** Joins the text of all pages of a document, pages separated by a form feed. */
    String text(long documentId) {
        return String.join("\f", repository.pages(documentId).stream().map(p -> p.text()).toList());
    }

    @Override
    public void close() {
        database.close();
    }

    /** Counts the texts it was asked to embed, so a test can prove nothing was re-embedded. */
    static final class CountingEmbedder implements Embedder {
        private final Embedder delegate;
        final AtomicInteger texts = new AtomicInteger();

        CountingEmbedder(Embedder delegate) {
            this.delegate = delegate;
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public float[] embed(String text) {
            texts.incrementAndGet();
            return delegate.embed(text);
        }

        @Override
        public List<float[]> embedAll(List<String> batch) {
            texts.addAndGet(batch.size());
            return delegate.embedAll(batch);
        }
    }
}
