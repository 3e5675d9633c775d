package dev.ponder.document;

import dev.ponder.base.DaemonThreads;
import dev.ponder.store.IngestionFlag;
import dev.ponder.store.PageText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the text of a PDF page by page with PDFBox 3.
 *
 * <p>Memory stays bounded for large files: the file is read through PDFBox's buffered file
 * access (not loaded into memory), new streams are cached in temporary files, and pages are
 * stripped one at a time. Progress is reported and cancellation checked after every page.
 *
 * <p>Policy on owner-restricted files (a permissions password but no user password): they are
 * opened and their text extracted. The user owns the copy and asks questions about it privately
 * on their own machine; nothing is redistributed — reading for the reader's own use is what the
 * "extract for accessibility" permission exists for. PDFBox 3 does not enforce these permissions
 * itself, so this is a decision, not an accident; the document carries a flag saying the file
 * asks not to be copied (docs/decisions/0009-ingestion-policies.md).
 *
 * <p>What else it notices, each a flag ({@link IngestionFlag}) and part of the warning: pages
 * without a text layer (scanned, or letters drawn as outlines), pages whose text is garbage
 * ({@link TextQuality}; left out), text a reader cannot see ({@link GlyphVisibility}; left out
 * unless {@code keepHiddenText}), a truncated file or a broken cross-reference table (repaired
 * by PDFBox), and attachments ({@link Attachments}; text, CSV and PDF ones read into the document).
 *
 * <p>PDFBox logs a lot under {@code org.apache.pdfbox} and {@code org.apache.fontbox} (e.g.
 * thousands of harmless cmap warnings); the application's logging configuration quiets them.
 */
public final class PdfExtractor {

    private static final Logger log = LoggerFactory.getLogger(PdfExtractor.class);

    /** A page with fewer non-space characters than this has no usable text layer. */
    static final int MIN_PAGE_CHARS = 3;
    /** Where a complete PDF's {@code %%EOF} marker must sit: within this many bytes of the end. */
    static final int EOF_WINDOW = 1024;

    /** Documents with at least this many pages are read on several threads ({@link #threads}). */
    static final int PARALLEL_MIN_PAGES = 64;
    /** At most this many threads read one document. */
    static final int MAX_THREADS = 4;
    /** Pages a reading thread takes at a time. */
    static final int PAGE_BLOCK = 16;
    /** How often progress is reported while the other reading threads finish, in ms. */
    static final long PROGRESS_MILLIS = 50;

    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private final boolean keepHiddenText;
    private final ScanReader scans;
    private final int maxThreads;
    private final int parallelMinPages;
    private final int pageBlock;

    /** Leaves text a reader cannot see out of the page text (Ponder's default). */
    public PdfExtractor() {
        this(false);
    }

    /**
     * Reads the text layer only: pages without usable text are flagged, never read by OCR.
     *
     * @param keepHiddenText true to keep text a reader cannot see in the page text (it is flagged either way)
     */
    public PdfExtractor(boolean keepHiddenText) {
        this(keepHiddenText, null);
    }

    /**
     * @param keepHiddenText true to keep text a reader cannot see in the page text (it is flagged either way)
     * @param scans          reads pages without usable text by OCR; null to flag them only
     */
    public PdfExtractor(boolean keepHiddenText, ScanReader scans) {
        this(keepHiddenText, scans, defaultThreads(Runtime.getRuntime().availableProcessors()), PARALLEL_MIN_PAGES,
                PAGE_BLOCK);
    }

    /**
     * @param maxThreads       at most this many threads read one document (1: in order, on the calling thread)
     * @param parallelMinPages documents with fewer pages are read on the calling thread
     * @param pageBlock        pages a reading thread takes at a time
     */
    PdfExtractor(boolean keepHiddenText, int maxThreads, int parallelMinPages, int pageBlock) {
        this(keepHiddenText, null, maxThreads, parallelMinPages, pageBlock);
    }

    private PdfExtractor(boolean keepHiddenText, ScanReader scans, int maxThreads, int parallelMinPages, int pageBlock) {
        this.keepHiddenText = keepHiddenText;
        this.scans = scans;
        this.maxThreads = maxThreads;
        this.parallelMinPages = parallelMinPages;
        this.pageBlock = pageBlock;
    }

    /** Receives progress after each page. */
    @FunctionalInterface
    public interface PageProgress {
        /** {@code pagesDone} of {@code pageCount} pages are read (both ≥ 1). */
        void pageDone(int pagesDone, int pageCount);
    }

    /** How reading a PDF ended. */
    public sealed interface Result {
        /**
         * Text was read.
         *
         * @param pages   every page, in order, normalised ({@link TextNormaliser}); pages whose text
         *                was left out have {@code hasText == false}
         * @param warning sentences for the user (at most 4,000 chars) when the file is damaged, some
         *                pages have no usable text, text was hidden, or it has attachments
         * @param flags   the same, one per page and thing noticed, for the library to list
         * @param scans   the words OCR read on the pages it read (their {@code PageText} is {@code scanned}),
         *                by page number
         * @param details whether it needed a password, its title and author
         */
        record Text(List<PageText> pages, Optional<String> warning, List<IngestionFlag> flags,
                    Map<Integer, ScanWords> scans, FileDetails details) implements Result {
            public Text {
                scans = Map.copyOf(scans);
            }

            public Text(List<PageText> pages, Optional<String> warning, List<IngestionFlag> flags,
                    Map<Integer, ScanWords> scans) {
                this(pages, warning, flags, scans, FileDetails.NONE);
            }

            public Text(List<PageText> pages, Optional<String> warning, List<IngestionFlag> flags) {
                this(pages, warning, flags, Map.of());
            }

            public Text(List<PageText> pages, Optional<String> warning) {
                this(pages, warning, List.of());
            }

            /** The same text and findings, with {@code d} as what the file says about itself. */
            Text with(FileDetails d) {
                return new Text(pages, warning, flags, scans, d);
            }

            /** The same text with {@code flag} after the others, and {@code sentence}, if any, after the warning. */
            Text with(IngestionFlag flag, Optional<String> sentence) {
                List<IngestionFlag> more = new ArrayList<>(flags);
                more.add(flag);
                Optional<String> told = sentence.map(s -> warning.map(w -> UserMessages.join(List.of(w, s))).orElse(s))
                        .or(() -> warning);
                return new Text(pages, told, more, scans, details);
            }

            /** Whether some pages without usable text were left for OCR to read later ({@link IngestionFlag.Kind#SCANS_NOT_READ}). */
            public boolean scansNotRead() {
                return flags.stream().anyMatch(f -> f.kind() == IngestionFlag.Kind.SCANS_NOT_READ);
            }
        }

        /** The file needs a user password; {@code wrongPassword} when the one given did not open it. */
        record Locked(boolean wrongPassword) implements Result {
        }

        /**
         * Nothing usable; {@code reason} is one sentence for the user. {@code scansLeft}: its pages
         * without usable text were left for OCR to read later (text recognition is here), so the file
         * may yet be read.
         */
        record Unreadable(String reason, boolean scansLeft) implements Result {
            public Unreadable(String reason) {
                this(reason, false);
            }
        }
    }

    /**
     * Reads {@code file}, which {@link FileSniffer} found to be a PDF.
     *
     * @param password  the user password, if the user gave one; it is never logged
     * @param progress  called after each page
     * @param cancelled polled before each page
     * @throws ImportCancelledException when {@code cancelled} said so
     */
    public Result extract(Path file, Optional<char[]> password, PageProgress progress, BooleanSupplier cancelled)
            throws ImportCancelledException {
        return extract(file, password, progress, ScanReader.ScanProgress.NONE, cancelled);
    }

    /**
     * Like {@link #extract(Path, Optional, PageProgress, BooleanSupplier)}, then reads the pages
     * without usable text by OCR, when this extractor has a {@link ScanReader}; {@code scanProgress}
     * follows that.
     *
     * @throws ImportCancelledException when {@code cancelled} said so
     */
    public Result extract(Path file, Optional<char[]> password, PageProgress progress,
            ScanReader.ScanProgress scanProgress, BooleanSupplier cancelled) throws ImportCancelledException {
        return extract(file, password, progress, scanProgress, cancelled, true);
    }

    /**
     * Like {@link #extract(Path, Optional, PageProgress, ScanReader.ScanProgress, BooleanSupplier)};
     * with {@code readScansNow} false the pages without usable text are not read by OCR even when it
     * is available, but left for later: the text carries {@link IngestionFlag.Kind#SCANS_NOT_READ},
     * and a file with no other text is {@link Result.Unreadable} with {@code scansLeft}.
     *
     * @throws ImportCancelledException when {@code cancelled} said so
     */
    public Result extract(Path file, Optional<char[]> password, PageProgress progress,
            ScanReader.ScanProgress scanProgress, BooleanSupplier cancelled, boolean readScansNow)
            throws ImportCancelledException {
        // PDFBox takes the password as a String (it cannot be wiped). With no password it tries the
        // empty user password, which is what opens owner-restricted files.
        String pw = password.map(String::new).orElse("");
        try (PDDocument document = Loader.loadPDF(file.toFile(), pw, null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return read(file, pw, document, progress, scanProgress, cancelled, readScansNow);
        } catch (InvalidPasswordException e) {
            return new Result.Locked(password.isPresent());
        } catch (IOException | RuntimeException e) {
            // PDFBox signals a broken file with IOException and, on some malformed input, runtime exceptions
            log.warn("PDFBox could not read {}: {}", file, e.toString());
            log.debug("PDFBox failure detail for {}", file, e);
            return new Result.Unreadable(UserMessages.DAMAGED_PDF);
        }
    }

    private Result read(Path file, String password, PDDocument document, PageProgress progress,
            ScanReader.ScanProgress scanProgress, BooleanSupplier cancelled, boolean readScansNow)
            throws IOException, ImportCancelledException {
        int pageCount = document.getNumberOfPages();
        if (pageCount == 0) {
            return new Result.Unreadable(UserMessages.NO_PAGES);
        }
        Map<Integer, List<String>> formLines = formLines(file, document);
        List<PageReading> readings = threads(pageCount) > 1
                ? readInParallel(file, password, document, formLines, progress, cancelled)
                : readInOrder(file, document, formLines, progress, cancelled);
        boolean wanted = readings.stream().anyMatch(PdfExtractor::wantsOcr);
        boolean ocrHere = scans != null && wanted
                && scans.availability() instanceof dev.ponder.document.ocr.OcrAvailability.Available;
        boolean ocrNow = ocrHere && readScansNow;
        Findings findings = new Findings(keepHiddenText, ocrAdvice(readings), ocrNow);
        Map<Integer, ScanWords> scanned = ocrNow ? readScans(file, document, readings, formLines, scanProgress, cancelled)
                : Map.of();
        List<PageText> pages = new ArrayList<>(pageCount);
        for (PageReading r : readings) {
            r.noteIn(findings);
            pages.add(r.text());
        }
        Attachments.Found attached = new Attachments(keepHiddenText).read(document);
        pages = withAttachments(pages, attached.text());
        findings.attachments(attached);
        if (copyingRestricted(document)) {
            findings.copyingRestricted();
        }
        boolean truncated = isTruncated(file);
        findings.damage(truncated, !truncated && brokenXref(file));
        Result verdict = findings.verdict(pages, scanned);
        if (verdict instanceof Result.Text text) {
            Result.Text withDetails = text.with(details(document, !password.isEmpty()));
            // the flag lets Ponder find the document again once it can read them (LibraryService.readScansLeft)
            return wanted && !ocrNow ? withDetails.with(new IngestionFlag(0, IngestionFlag.Kind.SCANS_NOT_READ,
                    ocrHere ? UserMessages.SCANS_READ_LATER : UserMessages.SCANS_WAIT_FOR_OCR),
                    ocrHere ? Optional.of(UserMessages.SCANS_READ_LATER) : Optional.empty()) : withDetails;
        }
        return verdict instanceof Result.Unreadable unreadable && ocrHere && !ocrNow
                ? new Result.Unreadable(unreadable.reason(), true) : verdict;
    }

    /** Whether a page has no usable text of its own but might on its image. */
    private static boolean wantsOcr(PageReading r) {
        return !r.unreadable() && !r.text().hasText() && (r.scanned() || r.outlined() || r.garbled().isPresent());
    }

    /**
     * The sentence saying how to get OCR, when some page needs it and Tesseract is not available;
     * empty when no page needs it, OCR was not asked for, or it is available.
     */
    private Optional<String> ocrAdvice(List<PageReading> readings) {
        if (scans == null || readings.stream().noneMatch(PdfExtractor::wantsOcr)) {
            return Optional.empty();
        }
        return scans.availability() instanceof dev.ponder.document.ocr.OcrAvailability.Unavailable missing
                ? Optional.of(missing.howToInstall()) : Optional.empty();
    }

    /** Reads the pages without usable text by OCR, replacing their readings in {@code readings}. */
    private Map<Integer, ScanWords> readScans(Path file, PDDocument document, List<PageReading> readings,
            Map<Integer, List<String>> formLines, ScanReader.ScanProgress progress, BooleanSupplier cancelled)
            throws ImportCancelledException {
        List<Integer> wanted = readings.stream().filter(PdfExtractor::wantsOcr).map(r -> r.text().pageNo()).toList();
        if (scans == null || wanted.isEmpty()) {
            return Map.of();
        }
        Map<Integer, ScanWords> read = new java.util.LinkedHashMap<>();
        scans.read(file, document, wanted, progress, cancelled).forEach((pageNo, words) -> {
            PageReading before = readings.get(pageNo - 1);
            PageText text = toPageText(pageNo, words.text(), formLines.getOrDefault(pageNo - 1, List.of()));
            if (text.hasText()) {
                readings.set(pageNo - 1, before.readByOcr(new PageText(pageNo, text.text(), true, true)));
                read.put(pageNo, words);
            }
        });
        return read;
    }

    /** Whether {@code document} opened with a user password, and its Info title and author. */
    private static FileDetails details(PDDocument document, boolean withPassword) {
        var info = document.getDocumentInformation();
        return new FileDetails(withPassword, FileDetails.field(info.getTitle()), FileDetails.field(info.getAuthor()));
    }

    /**
     * The title and author of {@code file} (no text read), for telling two copies apart; empty when
     * it cannot be opened without a password or at all.
     */
    public static Optional<FileDetails> detailsOf(java.nio.file.Path file) {
        try (PDDocument document = Loader.loadPDF(file.toFile(), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return Optional.of(details(document, false));
        } catch (IOException | RuntimeException e) {
            log.debug("No details of {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Whether {@code password} opens {@code file}: quick (no page is read), on the caller's thread,
     * so a wrong password is said at once even while a long import holds the import thread. A file
     * that cannot be read at all counts as opened: its import says what is wrong with it.
     */
    public static boolean opens(java.nio.file.Path file, char[] password) {
        try (PDDocument document = Loader.loadPDF(file.toFile(), new String(password), null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return true;
        } catch (InvalidPasswordException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /**
     * What reading one page gave, to be noted in the {@link Findings} in page order.
     *
     * @param text       the page's text, normalised; empty when left out
     * @param unreadable PDFBox could not read the page
     * @param garbled    why its text was left out as garbage, if it was
     * @param hidden     the text a reader cannot see; null when the page was unreadable
     * @param scanned    no text, but an image
     * @param outlined   no text, but letters drawn as outlines
     */
    record PageReading(PageText text, boolean unreadable, Optional<String> garbled, HiddenText hidden,
                       boolean scanned, boolean outlined) {

        /** This page with {@code ocrText}, the text OCR read on it. */
        PageReading readByOcr(PageText ocrText) {
            return new PageReading(ocrText, false, garbled, hidden, scanned, outlined);
        }

        /** Notes this page in {@code findings}, in the order the page was looked at. */
        void noteIn(Findings findings) {
            int pageNo = text.pageNo();
            if (text.scanned()) {
                findings.hidden(pageNo, hidden);
                findings.readByOcr(pageNo, garbled.isPresent() ? Findings.OcrCause.GARBLED
                        : outlined ? Findings.OcrCause.OUTLINES : Findings.OcrCause.SCAN);
                return;
            }
            if (unreadable) {
                findings.unreadable(pageNo);
            } else {
                garbled.ifPresent(why -> findings.garbled(pageNo, why));
                findings.hidden(pageNo, hidden);
            }
            if (scanned) {
                findings.scanned(pageNo);
            } else if (outlined) {
                findings.outlined(pageNo);
            }
        }
    }

    /** Reads page {@code pageNo} (1-based) of {@code document}. Never throws: a broken page is unreadable. */
    private static PageReading readPage(Path file, PDDocument document, PageTextReader reader, PDPage page, int pageNo,
            List<String> formLines) {
        Optional<PageTextReader.Reading> reading = pageText(file, document, reader, page, pageNo);
        String raw = "";
        Optional<String> garbage = Optional.empty();
        if (reading.isPresent()) {
            raw = reading.get().text();
            garbage = TextQuality.problem(raw, reading.get().glyphs(), reading.get().unmappedGlyphs());
            if (garbage.isPresent()) {
                log.info("Page {} of {} left out: {}", pageNo, file, garbage.get());
                raw = "";
            }
        }
        PageText text = toPageText(pageNo, raw, formLines);
        boolean scanned = false;
        boolean outlined = false;
        if (reading.isPresent() && !text.hasText() && garbage.isEmpty()) {
            DrawingProbe.Drawing drawing = drawing(file, page, pageNo);
            scanned = drawing.image();
            outlined = !scanned && drawing.looksLikeOutlinedText();
        }
        return new PageReading(text, reading.isEmpty(), garbage, reading.map(PageTextReader.Reading::hidden).orElse(null),
                scanned, outlined);
    }

    private List<PageReading> readInOrder(Path file, PDDocument document, Map<Integer, List<String>> formLines,
            PageProgress progress, BooleanSupplier cancelled) throws ImportCancelledException {
        int pageCount = document.getNumberOfPages();
        PageTextReader reader = new PageTextReader(keepHiddenText);
        List<PageReading> readings = new ArrayList<>(pageCount);
        int index = 0;
        for (PDPage page : document.getPages()) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new ImportCancelledException();
            }
            readings.add(readPage(file, document, reader, page, index + 1, formLines.getOrDefault(index, List.of())));
            index++;
            progress.pageDone(index, pageCount);
        }
        return readings;
    }

    /**
     * Reading threads by default: half the processors, at most {@value #MAX_THREADS} — so 1 (reading
     * in order) on a machine with fewer than 4. Measured on 2 shared cores, a second thread gained
     * nothing and cost a second parse of every font (docs/decisions/0014-parallel-page-reading.md);
     * half the processors leaves the others to the window, embedding and sleep-time compute.
     */
    static int defaultThreads(int processors) {
        return Math.max(1, Math.min(MAX_THREADS, processors / 2));
    }

    /**
     * Reading threads for a document of {@code pageCount} pages: {@code maxThreads}, or 1 below
     * {@code parallelMinPages} pages (by default {@value #PARALLEL_MIN_PAGES}).
     */
    int threads(int pageCount) {
        return pageCount < parallelMinPages ? 1 : Math.max(1, maxThreads);
    }

    /**
     * Reads the pages on {@link #threads} threads, each with its own {@link PDDocument} (PDFBox
     * objects are not thread-safe; separate documents are), taking blocks of consecutive pages
     * ({@value #PAGE_BLOCK} by default) in turn, so a slow stretch of pages does not hold the
     * others up. This thread reads with {@code document}; progress and cancellation stay on it.
     * The readings come back in page order, the same as {@link #readInOrder} gives.
     */
    private List<PageReading> readInParallel(Path file, String password, PDDocument document,
            Map<Integer, List<String>> formLines, PageProgress progress, BooleanSupplier cancelled)
            throws ImportCancelledException {
        int pageCount = document.getNumberOfPages();
        PageReading[] readings = new PageReading[pageCount];
        AtomicInteger nextBlock = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        int helpers = threads(pageCount) - 1;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < helpers; t++) {
            Thread thread = DaemonThreads.thread("ponder-pdf-pages-" + (t + 1), () -> {
                try (PDDocument own = Loader.loadPDF(file.toFile(), password, null, null,
                        IOUtils.createTempFileOnlyStreamCache())) {
                    readBlocks(file, own, formLines, readings, nextBlock, done, stop);
                } catch (IOException | RuntimeException | Error e) {
                    // the other threads take the blocks this one does not
                    failures.add(e);
                    log.debug("A reading thread for {} stopped: {}", file, e.toString());
                }
            });
            threads.add(thread);
            thread.start();
        }
        Thread self = Thread.currentThread();
        AtomicInteger reported = new AtomicInteger();
        Runnable report = () -> {
            if (cancelled.getAsBoolean() || self.isInterrupted()) {
                stop.set(true);
            }
            // every count once, in order, as the in-order path reports them
            int n = done.get();
            for (int k = reported.get() + 1; k <= n; k++) {
                reported.set(k);
                progress.pageDone(k, pageCount);
            }
        };
        try {
            // this thread reads too, and reports progress and checks cancellation between its pages
            readBlocks(file, document, formLines, readings, nextBlock, done, stop, report);
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    thread.join(PROGRESS_MILLIS);
                    report.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop.set(true);
        }
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new ImportCancelledException();
        }
        // pages a failed reading thread left: read here, as the sequential path would
        for (int index = 0; index < pageCount; index++) {
            if (readings[index] == null) {
                if (!failures.isEmpty()) {
                    log.warn("Reading page {} of {} again on one thread: {}", index + 1, file, failures.get(0).toString());
                }
                readings[index] = readPage(file, document, new PageTextReader(keepHiddenText), document.getPage(index),
                        index + 1, formLines.getOrDefault(index, List.of()));
            }
        }
        for (int k = reported.get() + 1; k <= pageCount; k++) {
            progress.pageDone(k, pageCount);
        }
        return java.util.Arrays.asList(readings);
    }

    private void readBlocks(Path file, PDDocument document, Map<Integer, List<String>> formLines,
            PageReading[] readings, AtomicInteger nextBlock, AtomicInteger done, AtomicBoolean stop) {
        readBlocks(file, document, formLines, readings, nextBlock, done, stop, () -> { });
    }

    /** Takes blocks of pages until none is left or {@code stop}; {@code afterPage} runs after each page. */
    private void readBlocks(Path file, PDDocument document, Map<Integer, List<String>> formLines,
            PageReading[] readings, AtomicInteger nextBlock, AtomicInteger done, AtomicBoolean stop, Runnable afterPage) {
        PageTextReader reader = new PageTextReader(keepHiddenText);
        java.util.Iterator<PDPage> pages = document.getPages().iterator();
        int position = 0;  // index of the page pages.next() returns
        while (!stop.get()) {
            int first = nextBlock.getAndIncrement() * pageBlock;
            if (first >= readings.length) {
                return;
            }
            int end = Math.min(readings.length, first + pageBlock);
            for (; position < first; position++) {
                pages.next();
            }
            for (int index = first; index < end && !stop.get(); index++, position++) {
                PDPage page = pages.next();
                readings[index] = readPage(file, document, reader, page, index + 1,
                        formLines.getOrDefault(index, List.of()));
                done.incrementAndGet();
                afterPage.run();
            }
        }
    }

    /** Attachment text after the text of the page it belongs to. */
    static List<PageText> withAttachments(List<PageText> pages, List<Attachments.Added> added) {
        if (added.isEmpty()) {
            return pages;
        }
        List<PageText> out = new ArrayList<>(pages);
        for (Attachments.Added a : added) {
            PageText page = out.get(a.pageNo() - 1);
            String text = page.text().isEmpty() ? a.text() : page.text() + "\n\n" + a.text();
            String normalised = TextNormaliser.normalise(text).strip();
            out.set(a.pageNo() - 1, new PageText(page.pageNo(), normalised, hasText(normalised)));
        }
        return out;
    }

    /** An encrypted file whose permissions forbid copying its text (it opened without a user password). */
    static boolean copyingRestricted(PDDocument document) {
        return document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent();
    }

    private static boolean brokenXref(Path file) {
        try {
            FileSniffer.Kind kind = new FileSniffer().sniff(file);
            int headerOffset = kind instanceof FileSniffer.Kind.Pdf pdf ? pdf.headerOffset() : 0;
            return XrefCheck.isBroken(file, headerOffset);
        } catch (IOException e) {
            log.warn("Could not check the cross-reference table of {}: {}", file, e.toString());
            return false;
        }
    }

    /** The page's reading, or empty when PDFBox could not read it. */
    private static Optional<PageTextReader.Reading> pageText(Path file, PDDocument document, PageTextReader reader,
            PDPage page, int pageNo) {
        try {
            return Optional.of(reader.read(document, page));
        } catch (IOException | RuntimeException e) {
            // one broken page should not cost the user the rest of the document
            log.warn("Could not read page {} of {}: {}", pageNo, file, e.toString());
            return Optional.empty();
        }
    }

    private static DrawingProbe.Drawing drawing(Path file, PDPage page, int pageNo) {
        try {
            return DrawingProbe.of(page);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not look at the drawing of page {} of {}: {}", pageNo, file, e.toString());
            return new DrawingProbe.Drawing(false, 0, 0);
        }
    }

    private static Map<Integer, List<String>> formLines(Path file, PDDocument document) {
        try {
            return FormFields.linesByPage(document);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the form fields of {}: {}", file, e.toString());
            return Map.of();
        }
    }

    static PageText toPageText(int pageNo, String raw, List<String> formLines) {
        String text = raw;
        if (!formLines.isEmpty()) {
            text = raw.stripTrailing() + "\n\n" + String.join("\n", formLines) + "\n";
        }
        String normalised = TextNormaliser.normalise(text).strip();
        return new PageText(pageNo, normalised, hasText(normalised));
    }

    static boolean hasText(String text) {
        return text.codePoints().filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .limit(MIN_PAGE_CHARS).count() >= MIN_PAGE_CHARS;
    }

    /**
     * Applies the document-level rules: no text at all fails; damage, unreadable pages and scanned
     * pages (no text but an image) warn. Blank pages (no text, no image) are not worth a warning.
     */
    static Result verdict(List<PageText> pages, List<Integer> unreadablePages, List<Integer> scannedPages,
            boolean truncated) {
        Findings findings = new Findings(false);
        unreadablePages.forEach(findings::unreadable);
        scannedPages.forEach(findings::scanned);
        findings.damage(truncated, false);
        return findings.verdict(pages);
    }

    /**
     * PDFBox silently rebuilds a file that was cut short (corpus case truncated-half), so the
     * missing {@code %%EOF} marker at the end is how Ponder notices.
     */
    static boolean isTruncated(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(EOF_WINDOW, length);
            byte[] tail = new byte[window];
            raf.seek(length - window);
            raf.readFully(tail);
            return FileSniffer.indexOf(tail, EOF_MARKER) < 0;
        } catch (IOException e) {
            log.warn("Could not check the end of {}: {}", file, e.toString());
            return false;
        }
    }
}
