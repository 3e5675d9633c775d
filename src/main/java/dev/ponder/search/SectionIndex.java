package dev.ponder.search;

import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SectionEntry;
import dev.ponder.store.SectionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's full-text index: every section of every ready document, searched by BM25 (Lucene's
 * default similarity, Robertson et al.), in {@value #FOLDER} beside the H2 file. Each section is
 * indexed twice: in {@code text.<language>} with its document's language analysis
 * ({@link Analysis#of}), and in {@code text.any} with the language-neutral one.
 *
 * <p>H2 is the source of truth; the index is a cache of it. Each document has a marker entry
 * holding the {@link SectionSummary#fingerprint()} it was indexed from. At start, and at each
 * search, the fingerprints are compared with H2's ({@link LibraryRepository#sectionSummaries()},
 * one aggregate query): a document that is missing, changed or gone is re-indexed in the
 * background, and an index that cannot be opened (deleted, damaged, from another version) is
 * rebuilt from scratch. While that runs, {@link #search} answers empty, and retrieval uses the
 * vectors alone. A Lucene commit is atomic, so a kill leaves the last commit, which the next
 * comparison brings up to date.
 */
public final class SectionIndex implements AutoCloseable {

    /** The index's folder inside the data folder. */
    public static final String FOLDER = "search-index";
    /** Written into each commit; an index with another layout is rebuilt. */
    static final String LAYOUT = "ponder-sections-1";

    private static final Logger log = LoggerFactory.getLogger(SectionIndex.class);
    private static final String DOC = "doc";
    private static final String SECTION = "section";
    private static final String MARKER = "marker";
    private static final String FINGERPRINT = "fingerprint";
    private static final String LANGUAGE = "language";
    private static final String TEXT_ANY = "text.any";
    private static final String TEXT = "text.";

    private final Path folder;
    private final LibraryRepository library;
    private final Analysis analysis = new Analysis();
    /** Each field's analysis: {@code text.<language>} that language's, {@code text.any} the neutral one. */
    private final Analyzer fieldAnalysis = new org.apache.lucene.analysis.DelegatingAnalyzerWrapper(
            Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return fieldName.equals(TEXT_ANY) ? analysis.neutral()
                    : analysis.of(fieldName.startsWith(TEXT) ? fieldName.substring(TEXT.length()) : Analysis.OTHER);
        }
    };
    private final ExecutorService repairs;
    private final AtomicBoolean repairing = new AtomicBoolean();
    /** Repairs that failed one after another; after {@value #MAX_FAILED_REPAIRS} the index is left alone. */
    private final java.util.concurrent.atomic.AtomicInteger failedRepairs = new java.util.concurrent.atomic.AtomicInteger();
    static final int MAX_FAILED_REPAIRS = 3;
    private final Object writeLock = new Object();
    /** What each indexed document was indexed from: document id → fingerprint and analysis key. */
    private final Map<Long, Indexed> indexed = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Open open;
    private volatile boolean closed;

    private record Indexed(String fingerprint, String languageKey) {
    }

    private record Open(FSDirectory directory, IndexWriter writer, SearcherManager searchers) {
        void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    private SectionIndex(Path folder, LibraryRepository library, ExecutorService repairs) {
        this.folder = folder;
        this.library = library;
        this.repairs = repairs;
    }

    /**
     * Opens the index in {@code dataDir/}{@value #FOLDER} (creating it when missing), and starts
     * bringing it up to date with H2 in the background. Never throws for a damaged index: it is
     * rebuilt.
     */
    public static SectionIndex open(Path dataDir, LibraryRepository library) {
        return open(dataDir, library, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ponder-search-index");
            t.setDaemon(true);
            return t;
        }));
    }

    /**
     * As {@link #open(Path, LibraryRepository)}, repairing on {@code repairs} (one thread; shut down
     * with the index): tests hold it to see what searches do while the index is rebuilt.
     */
    public static SectionIndex open(Path dataDir, LibraryRepository library, ExecutorService repairs) {
        SectionIndex index = new SectionIndex(dataDir.resolve(FOLDER), library, repairs);
        index.repairInBackground();
        return index;
    }

    /** Whether the index matches H2 and answers searches (false while it is being built or repaired). */
    public boolean ready() {
        return open != null && !repairing.get();
    }

    /**
     * Brings one document up to date with H2 now (after its content was stored): re-indexes it, or
     * removes it when it is no longer a ready document. Detects its language when H2 has none yet.
     * Blocking; about a second for a 3,000-page document.
     */
    public void refresh(long documentId) {
        Map<Long, SectionSummary> now = summaries();
        synchronized (writeLock) {
            try {
                ensureOpen();
                refreshLocked(documentId, now.get(documentId));
                commit();
            } catch (IOException | RuntimeException e) {
                log.warn("The search index could not take document {}; rebuilding it", documentId, e);
                rebuildInBackground();
            }
        }
    }

    /**
     * The sections that best match {@code question} by BM25, best first.
     *
     * @param questionLanguage the question's language (ISO 639-1), when known: its stop words are left
     *                         out of the language-neutral half of the query
     * @param documentIds      documents to search; empty = every ready document
     * @param limit            most section ids returned
     * @return section ids; empty when the index is being built or repaired (use the vectors alone then)
     */
    public Optional<List<Long>> search(String question, Optional<String> questionLanguage,
                                       Collection<Long> documentIds, int limit) {
        Open o = open;
        if (o == null || repairing.get()) {
            return Optional.empty();
        }
        Map<Long, SectionSummary> now = summaries();
        if (isStale(now)) {
            repairInBackground();
            return Optional.empty();
        }
        Set<Long> scope = documentIds.isEmpty() ? now.keySet() : documentIds.stream()
                .filter(now::containsKey).collect(Collectors.toSet());
        if (scope.isEmpty()) {
            return Optional.of(List.of());
        }
        try {
            Optional<Query> query = query(question, questionLanguage, scope);
            if (query.isEmpty()) {
                return Optional.of(List.of());
            }
            IndexSearcher searcher = o.searchers().acquire();
            try {
                ScoreDoc[] hits = searcher.search(query.get(), limit).scoreDocs;
                StoredFields stored = searcher.storedFields();
                List<Long> out = new ArrayList<>(hits.length);
                for (ScoreDoc hit : hits) {
                    out.add(stored.document(hit.doc).getField(SECTION).numericValue().longValue());
                }
                return Optional.of(out);
            } finally {
                o.searchers().release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("The search index failed a search; rebuilding it", e);
            rebuildInBackground();
            return Optional.empty();
        }
    }

    /**
     * The query: for each language among the documents searched, the question analysed that
     * language's way against that language's field; and the question analysed the neutral way (its
     * own language's stop words left out) against {@code text.any}. Only the documents searched.
     */
    private Optional<Query> query(String question, Optional<String> questionLanguage, Set<Long> scope) {
        BooleanQuery.Builder should = new BooleanQuery.Builder();
        Set<String> keys = scope.stream().map(id -> indexed.get(id)).filter(java.util.Objects::nonNull)
                .map(Indexed::languageKey).collect(Collectors.toSet());
        int clauses = 0;
        for (String key : keys) {
            clauses += add(should, new QueryBuilder(analysis.of(key)).createBooleanQuery(TEXT + key, question));
        }
        String questionKey = questionLanguage.isPresent() ? Analysis.key(questionLanguage)
                : keys.size() == 1 ? keys.iterator().next() : Analysis.OTHER;
        clauses += add(should, new QueryBuilder(analysis.neutralQuestion(questionKey)).createBooleanQuery(TEXT_ANY, question));
        if (clauses == 0) {
            return Optional.empty();
        }
        List<BytesRef> ids = scope.stream().map(id -> new BytesRef(Long.toString(id))).toList();
        return Optional.of(new BooleanQuery.Builder()
                .add(should.build(), BooleanClause.Occur.MUST)
                .add(new TermInSetQuery(DOC, ids), BooleanClause.Occur.FILTER)
                .build());
    }

    private static int add(BooleanQuery.Builder builder, Query query) {
        if (query == null) {
            return 0;
        }
        builder.add(query, BooleanClause.Occur.SHOULD);
        return 1;
    }

    private Map<Long, SectionSummary> summaries() {
        return library.sectionSummaries().stream().collect(Collectors.toMap(SectionSummary::documentId, s -> s));
    }

    private boolean isStale(Map<Long, SectionSummary> now) {
        if (now.size() != indexed.size()) {
            return true;
        }
        for (SectionSummary s : now.values()) {
            Indexed i = indexed.get(s.documentId());
            if (i == null || !i.fingerprint().equals(s.fingerprint())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ writing

    private void refreshLocked(long documentId, SectionSummary summary) throws IOException {
        IndexWriter writer = open.writer();
        Term doc = new Term(DOC, Long.toString(documentId));
        if (summary == null) {
            writer.deleteDocuments(doc);
            indexed.remove(documentId);
            return;
        }
        if (summary.language().isEmpty() && !indexed.containsKey(documentId)) {
            Optional<String> language = LanguageDetection.ofDocument(
                    library.pages(documentId).stream().map(p -> p.text()).toList());
            if (language.isPresent()) {
                library.updateLanguage(documentId, language);
                summary = new SectionSummary(summary.documentId(), summary.firstSectionId(), summary.lastSectionId(),
                        summary.sections(), language);
            }
        }
        String key = Analysis.key(summary.language());
        List<Document> docs = new ArrayList<>();
        for (SectionEntry s : library.sections(List.of(documentId))) {
            Document d = new Document();
            d.add(new StringField(DOC, Long.toString(documentId), Field.Store.NO));
            d.add(new StoredField(SECTION, s.id()));
            d.add(new TextField(TEXT + key, s.text(), Field.Store.NO));
            d.add(new TextField(TEXT_ANY, s.text(), Field.Store.NO));
            docs.add(d);
        }
        Document marker = new Document();
        marker.add(new StringField(DOC, Long.toString(documentId), Field.Store.YES));
        marker.add(new StringField(MARKER, "1", Field.Store.NO));
        marker.add(new StoredField(FINGERPRINT, summary.fingerprint()));
        marker.add(new StoredField(LANGUAGE, key));
        docs.add(marker);
        writer.updateDocuments(doc, docs);
        indexed.put(documentId, new Indexed(summary.fingerprint(), key));
    }

    private void commit() throws IOException {
        Open o = open;
        o.writer().setLiveCommitData(Map.of("layout", LAYOUT).entrySet());
        o.writer().commit();
        o.searchers().maybeRefreshBlocking();
    }

    /** Re-indexes what differs from H2, in the background; searches answer empty until it is done. */
    private void repairInBackground() {
        if (!repairing.compareAndSet(false, true)) {
            return;
        }
        try {
            repairs.execute(this::repair);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            repairing.set(false);
        }
    }

    private void repair() {
        try {
            Map<Long, SectionSummary> now = summaries();
            long started = System.nanoTime();
            int changed = 0;
            synchronized (writeLock) {
                ensureOpen();
                for (Long gone : new ArrayList<>(indexed.keySet())) {
                    if (!now.containsKey(gone)) {
                        refreshLocked(gone, null);
                        changed++;
                    }
                }
                for (SectionSummary s : now.values()) {
                    Indexed i = indexed.get(s.documentId());
                    if (i == null || !i.fingerprint().equals(s.fingerprint())) {
                        refreshLocked(s.documentId(), s);
                        changed++;
                    }
                }
                commit();
            }
            if (changed > 0) {
                log.info("Search index brought up to date: {} documents in {} ms", changed,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (IOException | RuntimeException e) {
            if (closed) {
                return;
            }
            log.warn("The search index could not be brought up to date; rebuilding it from the library", e);
            synchronized (writeLock) {
                recreate();
            }
            repairing.set(false);
            if (failedRepairs.incrementAndGet() < MAX_FAILED_REPAIRS) {
                repairInBackground();
            } else {
                log.error("The search index could not be rebuilt {} times; searching by meaning only until Ponder "
                        + "restarts", MAX_FAILED_REPAIRS);
            }
            return;
        }
        failedRepairs.set(0);
        repairing.set(false);
    }

    private void rebuildInBackground() {
        synchronized (writeLock) {
            recreate();
        }
        repairInBackground();
    }

    // ------------------------------------------------------------------ opening

    /**
     * Opens the index when it is not open, or deletes and recreates it when it cannot be opened, is
     * damaged or has another layout. Called holding {@code writeLock}.
     */
    private void ensureOpen() throws IOException {
        if (open != null) {
            return;
        }
        try {
            open = openAt(folder, fieldAnalysis);
            readMarkers();
        } catch (IOException | RuntimeException e) {
            log.warn("The search index in {} could not be opened ({}); rebuilding it from the library", folder,
                    e.toString());
            recreate();
            if (open == null) {
                throw new IOException("the search index could not be created in " + folder);
            }
        }
    }

    private void recreate() {
        closeQuietly();
        indexed.clear();
        try {
            deleteFolder(folder);
            open = openAt(folder, fieldAnalysis);
        } catch (IOException e) {
            open = null;
            log.error("The search index in {} could not be created; searching by meaning only", folder, e);
        }
    }

    private static Open openAt(Path folder, Analyzer fieldAnalysis) throws IOException {
        Files.createDirectories(folder);
        FSDirectory directory = FSDirectory.open(folder);
        try {
            if (DirectoryReader.indexExists(directory)) {
                Map<String, String> data = org.apache.lucene.index.SegmentInfos.readLatestCommit(directory).getUserData();
                if (!LAYOUT.equals(data.get("layout"))) {
                    throw new IOException("index layout " + data.get("layout") + ", expected " + LAYOUT);
                }
            }
            IndexWriterConfig config = new IndexWriterConfig(fieldAnalysis).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            IndexWriter writer = new IndexWriter(directory, config);
            try {
                if (!DirectoryReader.indexExists(directory)) {
                    writer.setLiveCommitData(Map.of("layout", LAYOUT).entrySet());
                    writer.commit();
                }
                // a damaged segment shows when read: check every one now, not at the first question
                org.apache.lucene.index.CheckIndex.Status status;
                try (org.apache.lucene.index.CheckIndex check = new org.apache.lucene.index.CheckIndex(directory,
                        writer.getDirectory().obtainLock("check.lock"))) {
                    check.setChecksumsOnly(true);
                    check.setThreadCount(1);
                    status = check.checkIndex();
                }
                if (!status.clean) {
                    throw new IOException("damaged index");
                }
                return new Open(directory, writer, new SearcherManager(writer, null));
            } catch (IOException | RuntimeException e) {
                writer.rollback();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    private void readMarkers() throws IOException {
        indexed.clear();
        IndexSearcher searcher = open.searchers().acquire();
        try {
            ScoreDoc[] markers = searcher.search(new TermQuery(new Term(MARKER, "1")), Integer.MAX_VALUE).scoreDocs;
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc m : markers) {
                Document d = stored.document(m.doc);
                indexed.put(Long.parseLong(d.get(DOC)), new Indexed(d.get(FINGERPRINT), d.get(LANGUAGE)));
            }
        } finally {
            open.searchers().release(searcher);
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void closeQuietly() {
        Open o = open;
        open = null;
        if (o != null) {
            try {
                o.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing the search index", e);
            }
        }
    }

    /** Stops a repair in progress (it resumes at the next start) and closes the index. */
    @Override
    public void close() {
        closed = true;
        repairs.shutdownNow();
        try {
            repairs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (writeLock) {
            closeQuietly();
        }
    }

    /** For tests: waits until no repair is running. */
    public boolean awaitReady(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
