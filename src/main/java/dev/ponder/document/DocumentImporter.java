package dev.ponder.document;

import dev.ponder.base.Hashing;
import dev.ponder.llm.Embedder;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import dev.ponder.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one file into the library: sniff the bytes, hash them, skip content the library
 * already has, read the PDF page by page, cut sections, embed them and store everything in one
 * transaction. Blocking; run it on a background thread ({@link LibraryService} does).
 *
 * <p>The same content is imported once: a READY document with the same SHA-256 ends the import as
 * {@link ImportOutcome.AlreadyInLibrary}, and so does one with the same extracted text (a file
 * re-saved with only its metadata changed, {@code documents.content_sha256}); the row made for the
 * newcomer is then removed. A document that failed or needs a password is retried in
 * its own row rather than added twice. A crash mid-import leaves the row IMPORTING with no pages
 * (the content is stored in one transaction); {@link #resumeInterrupted} redoes such rows.
 *
 * <p>Not meant to import the same file on two threads at once; {@link LibraryService} runs
 * imports one after another.
 */
public final class DocumentImporter {

    private static final Logger log = LoggerFactory.getLogger(DocumentImporter.class);

    // share of the progress bar per step; embedding dominates (about 15 ms per section on 2 cores)
    private static final double READ_START = 0.05;
    private static final double EMBED_START = 0.35;
    /** Where reading scanned pages ends, when there are any: OCR takes 1–3 s a page, far more than the rest. */
    private static final double SCANS_END = 0.85;
    private static final double SAVE_START = 0.93;
    private static final double INDEX_START = 0.97;

    private final LibraryRepository repository;
    private final FileSniffer sniffer = new FileSniffer();
    private final PdfExtractor extractor;
    private final Sectioner sectioner = new Sectioner();
    private final Embedder embedder;
    private final SectionEmbedder sectionEmbedder;
    private final Optional<SectionIndex> index;
    private final ScanReader scans;
    private boolean contentHashesFilled;

    /**
     * An importer that leaves text a reader cannot see out of the index (the default policy) and
     * reads scanned pages with Tesseract as installed, in the default languages.
     */
    public DocumentImporter(LibraryRepository repository, Embedder embedder) {
        this(repository, embedder, false);
    }

    /**
     * @param keepHiddenText true to index text a reader cannot see (white on white, invisible,
     *                       tiny, off the page) instead of leaving it out; it is flagged either way
     */
    public DocumentImporter(LibraryRepository repository, Embedder embedder, boolean keepHiddenText) {
        this(repository, embedder, keepHiddenText, ScanReader.withDefaults());
    }

    /**
     * @param scans reads pages without usable text by OCR (languages, what goes first); null to
     *              flag such pages only
     */
    public DocumentImporter(LibraryRepository repository, Embedder embedder, boolean keepHiddenText, ScanReader scans) {
        this(repository, embedder, keepHiddenText, scans, Optional.empty());
    }

    /**
     * An importer that also brings the library's full-text index up to date with each document it
     * stores (without one, the index finds the change itself at the next search and catches up in
     * the background).
     */
    public DocumentImporter(LibraryRepository repository, Embedder embedder, SectionIndex index) {
        this(repository, embedder, false, ScanReader.withDefaults(), Optional.of(index));
    }

    /**
     * @param scans reads pages without usable text by OCR (languages, what goes first); null to
     *              flag such pages only
     * @param index the library's full-text index, brought up to date with each document stored
     */
    public DocumentImporter(LibraryRepository repository, Embedder embedder, boolean keepHiddenText, ScanReader scans,
            SectionIndex index) {
        this(repository, embedder, keepHiddenText, scans, Optional.of(index));
    }

    private DocumentImporter(LibraryRepository repository, Embedder embedder, boolean keepHiddenText, ScanReader scans,
            Optional<SectionIndex> index) {
        this.repository = repository;
        this.embedder = embedder;
        this.sectionEmbedder = new SectionEmbedder(embedder);
        this.extractor = new PdfExtractor(keepHiddenText, scans);
        this.scans = scans;
        this.index = index;
    }

    /** Whether pages without usable text can be read by OCR now (Tesseract is here, with languages). */
    boolean readsScans() {
        return scans != null && scans.availability() instanceof dev.ponder.document.ocr.OcrAvailability.Available;
    }

    /**
     * Imports {@code file}. Never throws for a problem with the file itself: those end as
     * {@link ImportOutcome.Failed} or {@link ImportOutcome.NeedsPassword} with the row marked so.
     *
     * @param password the user password when the user gave one (not kept, not logged)
     * @param progress told about each step and row change, polled for cancellation
     * @throws StoreException when the library itself cannot be read or written
     */
    public ImportOutcome importFile(Path file, Optional<char[]> password, ImportProgress progress) {
        return importInto(file.toAbsolutePath().normalize(), Optional.empty(), password, progress, true);
    }

    /**
     * The first pass of an import whose scanned pages are read later, on another thread
     * ({@link LibraryService}): like {@link #importFile}, except that pages OCR would read are left
     * for {@link #readScansLeft}. A file with text pages is stored and ready at once (its warning
     * says the scanned pages are being read); a file with no text but pages OCR may read keeps its
     * row importing, and its outcome is not final.
     *
     * @throws StoreException when the library itself cannot be read or written
     */
    TextFirst importTextFirst(Path file, Optional<char[]> password, ImportProgress progress) {
        ScansLeft left = new ScansLeft();
        ImportOutcome outcome = importInto(file.toAbsolutePath().normalize(), Optional.empty(), password,
                new LeftScans(progress, left), false);
        return new TextFirst(outcome, left.documentId, left.wholeFile);
    }

    /**
     * What {@link #importTextFirst} did.
     *
     * @param outcome    the outcome so far; not final when {@code wholeFile}
     * @param scansLeftOf the document whose pages were left for OCR, or 0 when none were
     * @param wholeFile  the file has no other text: its import is finished by {@link #readScansLeft}
     */
    record TextFirst(ImportOutcome outcome, long scansLeftOf, boolean wholeFile) {
    }

    /** Where the first pass notes the pages it left; one per import. */
    private static final class ScansLeft {
        volatile long documentId;
        volatile boolean wholeFile;
    }

    /** The import's progress, carrying the note of what was left to {@link #importPdf}. */
    private record LeftScans(ImportProgress progress, ScansLeft left) implements ImportProgress {
        @Override
        public void progress(String stage, double fraction) {
            progress.progress(stage, fraction);
        }

        @Override
        public void documentChanged(DocumentEntry document) {
            progress.documentChanged(document);
        }

        @Override
        public void documentRemoved(long documentId) {
            progress.documentRemoved(documentId);
        }

        @Override
        public boolean cancelled() {
            return progress.cancelled();
        }
    }

    /**
     * Reads by OCR the pages of document {@code documentId} that an earlier import left unread
     * ({@link dev.ponder.store.IngestionFlag.Kind#SCANS_NOT_READ}: OCR was missing then, or the
     * import left them for later), and stores the document again with them, in the same row. The
     * document stays ready and answerable from its other pages meanwhile; stopped or failed, it keeps
     * what it had (and its flag, so it is read again later). A document whose import left its whole
     * file for OCR ({@link #importTextFirst}) is imported now.
     *
     * @return the outcome; empty when there was nothing to do (document removed or changed on disk,
     *         file gone or unreadable, reading stopped)
     * @throws StoreException when the library itself cannot be read or written
     */
    Optional<ImportOutcome> readScansLeft(long documentId, Optional<char[]> password, ImportProgress progress) {
        Optional<DocumentEntry> row = repository.find(documentId);
        if (row.isPresent() && row.get().status() == DocumentStatus.IMPORTING) {
            return Optional.of(importInto(row.get().path(), row, password, progress, true));
        }
        if (row.isEmpty() || row.get().status() != DocumentStatus.READY) {
            return Optional.empty();
        }
        Path file = row.get().path();
        try {
            FileFacts facts = FileFacts.read(file, sniffer);
            if (!row.get().sha256().equals(Optional.of(facts.sha256()))) {
                log.info("{} changed since it was imported; its scanned pages are read when it is imported again", file);
                return Optional.empty();
            }
            changed(documentId, progress);
            PdfExtractor.Result result = extractor.extract(file, password, (done, count) -> { },
                    (done, count, pausedFor) -> progress.progress(scanStage(done, count, pausedFor),
                            SCANS_END * done / count),
                    progress::cancelled, true);
            if (result instanceof PdfExtractor.Result.Text text) {
                return Optional.of(store(file, documentId, text, true, SCANS_END, progress));
            }
            log.info("The scanned pages of {} could not be read now: {}", file, result);
        } catch (IOException e) {
            log.info("The scanned pages of {} were not read: {}", file, e.toString());
        } catch (ImportCancelledException e) {
            log.info("Reading the scanned pages of {} stopped; they are read again later", file);
        } catch (dev.ponder.llm.EmbeddingException e) {
            log.warn("The scanned pages of {} were read but could not be embedded: {}", file, e.getMessage(), e);
        }
        // what was shown before (the document as it was) stands again
        changed(documentId, progress);
        return Optional.empty();
    }

    /**
     * Re-imports every document left QUEUED or IMPORTING (Ponder stopped mid-import) from the path
     * it was opened from, one after another, in its own row.
     *
     * @return one outcome per such document, oldest first
     * @throws StoreException when the library itself cannot be read or written
     */
    public List<ImportOutcome> resumeInterrupted(ImportProgress progress) {
        List<ImportOutcome> outcomes = new ArrayList<>();
        for (DocumentEntry row : repository.all()) {
            if (row.status() == DocumentStatus.QUEUED || row.status() == DocumentStatus.IMPORTING) {
                log.info("Resuming the interrupted import of {} (document {})", row.path(), row.id());
                outcomes.add(importInto(row.path(), Optional.of(row), Optional.empty(), progress, true));
            }
        }
        return outcomes;
    }

    private ImportOutcome importInto(Path file, Optional<DocumentEntry> target, Optional<char[]> password,
            ImportProgress progress, boolean readScansNow) {
        progress.progress("Checking the file", 0);
        FileFacts facts;
        try {
            facts = FileFacts.read(file, sniffer);
        } catch (IOException e) {
            log.info("Cannot read {}: {}", file, e.toString());
            return unreadable(file, target, FileFacts.whyUnreadable(file, e), progress);
        }
        if (target.isEmpty()) {
            // a file that changed at the same path replaces its entry, as the watcher does (same id,
            // so its chats stay with it) — unless the new content is already another document
            target = repository.findBySha256(facts.sha256()).isPresent() ? Optional.empty()
                    : repository.findByPath(file).filter(d -> d.status() == DocumentStatus.READY);
            target.ifPresent(row -> log.info("{} changed since it was imported; replacing document {}", file, row.id()));
        }
        return importFacts(facts, target, password, progress, readScansNow);
    }

    /** Sizes, sniffs and hashes {@code file}; see {@link FileFacts#read}. */
    FileFacts facts(Path file) throws IOException {
        return FileFacts.read(file, sniffer);
    }

    /**
     * Replaces the content of document {@code row} with the file's new content, in the same row (same
     * id, so chat citations and sleep-time rows stay with it). The caller has made sure no other
     * document has this content.
     */
    ImportOutcome reimport(FileFacts facts, DocumentEntry row, ImportProgress progress) {
        log.info("{} changed on disk; importing it again into document {}", facts.path(), row.id());
        return importFacts(facts, Optional.of(row), Optional.empty(), progress, true);
    }

    private ImportOutcome importFacts(FileFacts facts, Optional<DocumentEntry> target, Optional<char[]> password,
            ImportProgress progress, boolean readScansNow) {
        RowChoice choice = new RowChoice(repository);
        // type patterns in switch need Java 21; Ponder targets 17
        if (facts.kind() instanceof FileSniffer.Kind.Pdf) {
            return importPdf(choice, facts, target, password, progress, readScansNow);
        }
        String reason = facts.kind() instanceof FileSniffer.Kind.NotPdf notPdf ? notPdf.reason() : UserMessages.EMPTY_FILE;
        return failBeforeReading(choice, facts, target, reason, progress);
    }

    private ImportOutcome failBeforeReading(RowChoice choice, FileFacts facts, Optional<DocumentEntry> target,
            String reason, ImportProgress progress) {
        Optional<DocumentEntry> duplicate = choice.choose(facts, target, DocumentStatus.FAILED, Optional.of(reason));
        if (duplicate.isPresent()) {
            return new ImportOutcome.AlreadyInLibrary(facts.path(), duplicate.get());
        }
        return new ImportOutcome.Failed(facts.path(), changed(choice.rowId(), progress), reason);
    }

    private ImportOutcome importPdf(RowChoice choice, FileFacts facts, Optional<DocumentEntry> target,
            Optional<char[]> password, ImportProgress progress, boolean readScansNow) {
        Optional<DocumentEntry> duplicate = choice.choose(facts, target, DocumentStatus.IMPORTING, Optional.empty());
        if (duplicate.isPresent()) {
            log.info("{} is already in the library as document {}", facts.path(), duplicate.get().id());
            return new ImportOutcome.AlreadyInLibrary(facts.path(), duplicate.get());
        }
        long id = choice.rowId();
        // a document that had content is being re-read (its file changed): it keeps its row whatever it now holds
        boolean replacing = target.filter(t -> t.status() == DocumentStatus.READY).isPresent();
        changed(id, progress);
        try {
            double[] embedStart = {EMBED_START};
            PdfExtractor.Result result = extractor.extract(facts.path(), password,
                    (done, count) -> progress.progress("Reading page " + done + " of " + count,
                            READ_START + (EMBED_START - READ_START) * done / count),
                    (done, count, pausedFor) -> {
                        embedStart[0] = SCANS_END;
                        progress.progress(scanStage(done, count, pausedFor),
                                EMBED_START + (SCANS_END - EMBED_START) * done / count);
                    },
                    progress::cancelled, readScansNow);
            if (result instanceof PdfExtractor.Result.Text text) {
                ImportOutcome stored = store(facts.path(), id, text, replacing, embedStart[0], progress);
                // left for the OCR lane only when it can read them (not when Tesseract is missing)
                if (text.scansNotRead() && !readScansNow && readsScans() && progress instanceof LeftScans left) {
                    left.left().documentId = id;
                }
                return stored;
            }
            if (result instanceof PdfExtractor.Result.Unreadable u && u.scansLeft()
                    && progress instanceof LeftScans left) {
                // nothing to store before OCR: the row stays importing until the pages are read
                left.left().documentId = id;
                left.left().wholeFile = true;
                progress.progress("Waiting to read the scanned pages", EMBED_START);
                return new ImportOutcome.Failed(facts.path(), changed(id, progress), u.reason());
            }
            if (result instanceof PdfExtractor.Result.Locked locked) {
                return locked(facts.path(), id, locked.wrongPassword(), progress);
            }
            return fail(facts.path(), id, ((PdfExtractor.Result.Unreadable) result).reason(), progress);
        } catch (ImportCancelledException e) {
            log.info("Import of {} cancelled", facts.path());
            return fail(facts.path(), id, UserMessages.CANCELLED, progress);
        } catch (StoreException e) {
            log.error("Could not store {} (document {})", facts.path(), id, e);
            return fail(facts.path(), id, e.getMessage(), progress);
        } catch (dev.ponder.llm.EmbeddingException e) {
            log.warn("Could not embed the sections of {} (document {}): {}", facts.path(), id, e.getMessage(), e);
            return fail(facts.path(), id, e.getMessage(), progress);
        } catch (RuntimeException e) {
            // the embedding model is the only other part that throws here
            log.error("Could not embed the sections of {} (document {})", facts.path(), id, e);
            return fail(facts.path(), id, UserMessages.NOT_EMBEDDED, progress);
        }
    }

    /**
     * "Reading scanned page 3 of 40", while page 3 is read; "… — paused while Ponder answers your
     * question" while other work goes first.
     */
    static String scanStage(int done, int count, java.util.Optional<String> pausedFor) {
        String stage = "Reading scanned page " + Math.min(done + 1, count) + " of " + count;
        return pausedFor.map(what -> stage + " — paused while Ponder " + what).orElse(stage);
    }

    private ImportOutcome store(Path file, long id, PdfExtractor.Result.Text text, boolean replacing,
            double embedStart, ImportProgress progress) throws ImportCancelledException {
        String contentSha256 = contentSha256(text.pages());
        Optional<DocumentEntry> sameText = sameText(contentSha256, id);
        Optional<String> warning = text.warning();
        if (sameText.isPresent()) {
            if (!replacing) {
                log.info("{} has the same text as document {}; not imported again", file, sameText.get().id());
                repository.delete(id);
                progress.documentRemoved(id);
                return new ImportOutcome.AlreadyInLibrary(file, sameText.get(), true, differences(text, sameText.get()));
            }
            String same = "It now has the same text as " + sameText.get().fileName() + ", which is also in your library.";
            warning = Optional.of(UserMessages.join(warning.map(w -> List.of(w, same)).orElse(List.of(same))));
        }
        List<Sectioner.Section> sections = sectioner.sections(text.pages());
        String model;
        List<SectionEntry> entries;
        do {
            // the library may switch embedding models meanwhile: the label must be the model that embedded
            model = embedder.modelId();
            entries = sectionEmbedder.embed(id, sections,
                    (done, count) -> progress.progress("Preparing section " + done + " of " + count + " for questions",
                            embedStart + (SAVE_START - embedStart) * done / count),
                    progress);
        } while (!model.equals(embedder.modelId()));
        progress.progress("Saving", SAVE_START);
        Map<Integer, String> scanWords = new java.util.TreeMap<>();
        text.scans().forEach((page, words) -> scanWords.put(page, words.encode()));
        repository.storeContent(id, text.pages(), entries, warning, text.flags(), Optional.of(contentSha256), scanWords,
                model);
        index.ifPresent(i -> {
            progress.progress("Indexing", INDEX_START);
            i.refresh(id);
        });
        DocumentEntry stored = changed(id, progress);
        progress.progress("Ready", 1);
        log.info("Imported {}: {} pages, {} sections{}", file, stored.pages(), stored.sections(),
                warning.map(w -> " (" + w + ")").orElse(""));
        return new ImportOutcome.Imported(file, stored);
    }

    /**
     * How {@code copy}, whose text is the same as {@code kept}'s, differs from it: a password, a
     * title or author the kept file has not (read from its file, when it is there), a warning of its own.
     */
    static ImportOutcome.CopyDifferences differences(PdfExtractor.Result.Text copy, DocumentEntry kept) {
        FileDetails mine = copy.details();
        Optional<FileDetails> theirs = Files.isRegularFile(kept.path()) ? PdfExtractor.detailsOf(kept.path())
                : Optional.empty();
        Optional<String> title = mine.title().filter(t -> !t.equals(theirs.flatMap(FileDetails::title).orElse(null)));
        Optional<String> author = mine.author().filter(a -> !a.equals(theirs.flatMap(FileDetails::author).orElse(null)));
        Optional<String> problem = copy.warning().filter(w -> !w.equals(kept.message().orElse("")));
        return new ImportOutcome.CopyDifferences(mine.passwordProtected(), title, author, problem);
    }

    /**
     * SHA-256 of a document's extracted text: its pages' stored text joined by form feeds. The
     * file's metadata (title, author, dates, producer, XMP) is not part of it, so a file re-saved
     * with only those changed has the same content hash.
     */
    static String contentSha256(List<PageText> pages) {
        return Hashing.sha256Hex(String.join("\f", pages.stream().map(PageText::text).toList()));
    }

    /** Another ready document with this text; documents stored before their text was hashed are hashed first. */
    private Optional<DocumentEntry> sameText(String contentSha256, long id) {
        if (!contentHashesFilled) {
            for (long older : repository.readyWithoutContentSha256()) {
                repository.updateContentSha256(older, contentSha256(repository.pages(older)));
            }
            contentHashesFilled = true;
        }
        return repository.findReadyByContentSha256(contentSha256).stream().filter(d -> d.id() != id).findFirst();
    }

    private ImportOutcome locked(Path file, long id, boolean wrongPassword, ImportProgress progress) {
        String message = wrongPassword ? UserMessages.WRONG_PASSWORD : UserMessages.NEEDS_PASSWORD;
        repository.updateStatus(id, DocumentStatus.NEEDS_PASSWORD, Optional.of(message));
        return new ImportOutcome.NeedsPassword(file, changed(id, progress), wrongPassword);
    }

    private ImportOutcome fail(Path file, long id, String reason, ImportProgress progress) {
        repository.updateStatus(id, DocumentStatus.FAILED, Optional.of(reason));
        return new ImportOutcome.Failed(file, changed(id, progress), reason);
    }

    /**
     * A file that cannot even be opened (missing, a folder, no permission). A document being
     * resumed keeps its row, now failed with the reason; a file the library never had is not added:
     * a typo must not become a permanent entry. Its outcome carries a document that is not stored
     * (id 0).
     */
    private ImportOutcome unreadable(Path file, Optional<DocumentEntry> target, String reason, ImportProgress progress) {
        if (target.isPresent()) {
            long id = target.get().id();
            repository.updateStatus(id, DocumentStatus.FAILED, Optional.of(reason));
            return new ImportOutcome.Failed(file, changed(id, progress), reason);
        }
        NewDocument unknown = FileFacts.unknown(file);
        DocumentEntry notStored = new DocumentEntry(0, Optional.empty(), unknown.fileName(), unknown.path(),
                unknown.byteSize(), 0, 0, 0, DocumentStatus.FAILED, Optional.of(reason), Instant.now());
        return new ImportOutcome.Failed(file, notStored, reason);
    }

    DocumentEntry changed(long id, ImportProgress progress) {
        DocumentEntry entry = repository.find(id)
                .orElseThrow(() -> new StoreException("A document was removed from the library while it was being imported.", null));
        progress.documentChanged(entry);
        return entry;
    }
}
