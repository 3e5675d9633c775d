package dev.ponder.document;

import dev.ponder.document.ocr.OcrAvailability;
import dev.ponder.document.ocr.OcrException;
import dev.ponder.document.ocr.OcrLanguages;
import dev.ponder.document.ocr.OcrStoppedException;
import dev.ponder.document.ocr.OcrWord;
import dev.ponder.document.ocr.RecognisedPage;
import dev.ponder.document.ocr.TesseractLibrary;
import dev.ponder.document.ocr.TesseractSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads pages that have no usable text layer (scans; letters drawn as outlines; text whose font
 * does not say which letters it draws) with text recognition: each page is drawn by PDFBox at
 * {@value #DPI} dpi in grey, as displayed, and read by Tesseract ({@link TesseractSession}), one page
 * after another, on Ponder's one OCR reading thread (at background priority) while the caller waits.
 *
 * <p>Other work goes first ({@link Precedence}): before each page, and between the words of the
 * page being read, the reader asks whether a question is being answered or sleep-time compute is
 * running; if so it stops the page, says so through the progress ("paused while Ponder answers your
 * question") and waits, then reads the page again. Cancelling the import stops it the same way.
 */
public final class ScanReader {

    /** Resolution pages are drawn at for text recognition, in pixels per inch (Tesseract reads 10–12 pt text best at 300). */
    public static final int DPI = 300;
    /** Most pixels drawn for one page (an A4 page at 300 dpi has 8.7 M); larger pages are drawn at a lower dpi. */
    static final long MAX_PIXELS = 40_000_000L;
    /** Words Tesseract is less sure of (0–100) are left out: on scans they are specks and ruled lines read as letters. */
    static final float MIN_CONFIDENCE = 20;
    /** How often a paused reading looks again whether it may go on, in ms. */
    static final long WAIT_MILLIS = 100;

    private static final Logger log = LoggerFactory.getLogger(ScanReader.class);
    /**
     * The one thread that draws and reads pages for OCR in the whole process, whichever thread asks
     * (the OCR lane, or an import that reads its scans inline): one document at a time, since a page
     * takes a core for seconds and a laptop has two; and at background priority
     * ({@link TesseractLibrary#backgroundPriority()}), so the operating system gives the core to a
     * question's work (embedding, retrieval, the stream) whenever both want it.
     */
    private static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors
            .newSingleThreadExecutor(work -> {
                Thread t = new Thread(() -> {
                    TesseractLibrary.backgroundPriority();
                    work.run();
                }, "ponder-ocr-reader");
                t.setDaemon(true);
                return t;
            });

    /**
     * What {@link #readAsScans} read: {@code pages} pages drawn and read, of which those in
     * {@code withoutWords} (1-based page numbers) gave no word or could not be drawn.
     */
    public record ScanRun(int pages, List<Integer> withoutWords) {
        /** How many pages gave words. */
        public int withWords() {
            return pages - withoutWords.size();
        }
    }

    /** Work that takes precedence over text recognition. */
    @FunctionalInterface
    public interface Precedence {
        /** Never waits. */
        Precedence NONE = Optional::empty;

        /**
         * What OCR waits for now, as the end of "paused while Ponder …" ("answers your question",
         * "thinks about your documents"); empty when it may go on. Called often, from the reading thread.
         */
        Optional<String> waitingFor();
    }

    /** Hears how reading scanned pages goes. */
    @FunctionalInterface
    public interface ScanProgress {
        ScanProgress NONE = (done, count, pausedFor) -> { };

        /**
         * {@code done} of {@code count} pages are read (0 before the first); {@code pausedFor} says
         * what the reading waits for, when it waits.
         */
        void scanning(int done, int count, Optional<String> pausedFor);
    }

    private final Supplier<OcrAvailability> availability;
    private final Supplier<String> chosenLanguages;
    private final Precedence precedence;

    /**
     * @param availability    whether Tesseract is here, with which languages ({@link TesseractLibrary#availability()})
     * @param chosenLanguages the languages the person chose in Settings ("deu+eng"); null or blank for
     *                        the defaults (their own language and English, those installed)
     * @param precedence      what waits OCR
     */
    public ScanReader(Supplier<OcrAvailability> availability, Supplier<String> chosenLanguages, Precedence precedence) {
        this.availability = availability;
        this.chosenLanguages = chosenLanguages;
        this.precedence = precedence;
    }

    /** Tesseract as installed, the default languages, nothing taking precedence. */
    public static ScanReader withDefaults() {
        return new ScanReader(TesseractLibrary::availability, () -> null, Precedence.NONE);
    }

    /** Whether Tesseract can run here. */
    public OcrAvailability availability() {
        return availability.get();
    }

    /**
     * The languages pages are read with now: the chosen ones that are installed, else the person's
     * own language and English; empty when Tesseract is not available.
     */
    public Optional<String> languages() {
        if (availability.get() instanceof OcrAvailability.Available available) {
            return Optional.of(OcrLanguages.effective(chosenLanguages.get(), Locale.getDefault(Locale.Category.DISPLAY),
                    available.languages()));
        }
        return Optional.empty();
    }

    /**
     * Reads pages {@code pageNumbers} (1-based) of {@code document} by OCR.
     *
     * @return the words of each page read, by page number; a page Tesseract found no word on, or
     *         could not draw, is left out; empty when Tesseract is not available or cannot start
     * @throws ImportCancelledException when {@code cancelled} says so
     */
    Map<Integer, ScanWords> read(Path file, PDDocument document, List<Integer> pageNumbers, ScanProgress progress,
            BooleanSupplier cancelled) throws ImportCancelledException {
        Optional<String> languages = languages();
        if (languages.isEmpty() || pageNumbers.isEmpty()) {
            return new LinkedHashMap<>();
        }
        // the caller waits (it does nothing with the document meanwhile); its interrupt or cancel stops the reading
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean gaveUp = new java.util.concurrent.atomic.AtomicBoolean();
        BooleanSupplier stop = () -> gaveUp.get() || caller.isInterrupted() || cancelled.getAsBoolean();
        java.util.concurrent.Future<Map<Integer, ScanWords>> reading = READER.submit(
                () -> readHere(file, document, pageNumbers, languages.get(), progress, stop));
        try {
            while (true) {
                try {
                    return reading.get(WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (stop.getAsBoolean() && reading.cancel(false)) {
                        throw new ImportCancelledException(); // stopped before its turn came
                    }
                }
            }
        } catch (InterruptedException e) {
            gaveUp.set(true);
            Thread.currentThread().interrupt();
            throw new ImportCancelledException();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ImportCancelledException stopped) {
                throw stopped;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** {@link #read}, on the reading thread. */
    private Map<Integer, ScanWords> readHere(Path file, PDDocument document, List<Integer> pageNumbers, String languages,
            ScanProgress progress, BooleanSupplier cancelled) throws ImportCancelledException {
        Map<Integer, ScanWords> read = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (TesseractSession session = TesseractSession.open(languages)) {
            PDFRenderer renderer = new PDFRenderer(document);
            progress.scanning(0, pageNumbers.size(), Optional.empty());
            for (int i = 0; i < pageNumbers.size(); i++) {
                int pageNo = pageNumbers.get(i);
                readPage(file, document, renderer, session, pageNo, i, pageNumbers.size(), progress, cancelled)
                        .filter(words -> !words.words().isEmpty())
                        .ifPresent(words -> read.put(pageNo, words));
                progress.scanning(i + 1, pageNumbers.size(), Optional.empty());
            }
        } catch (OcrException e) {
            log.warn("Text recognition could not start for {}: {}", file, e.getMessage());
            return read;
        }
        log.info("Read {} of {} scanned pages of {} by OCR ({}) in {} ms", read.size(), pageNumbers.size(), file,
                languages, (System.nanoTime() - start) / 1_000_000);
        return read;
    }

    /** One page, read again from the start whenever other work made it stop. */
    private Optional<ScanWords> readPage(Path file, PDDocument document, PDFRenderer renderer, TesseractSession session,
            int pageNo, int done, int count, ScanProgress progress, BooleanSupplier cancelled)
            throws ImportCancelledException {
        while (true) {
            waitForOthers(done, count, progress, cancelled);
            Drawn drawn;
            try {
                drawn = draw(document, renderer, pageNo);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not draw page {} of {} for text recognition: {}", pageNo, file, e.toString());
                return Optional.empty();
            }
            try {
                RecognisedPage page = session.recognise(drawn.image(), drawn.dpi(), () -> cancelled.getAsBoolean()
                        || Thread.currentThread().isInterrupted() || precedence.waitingFor().isPresent());
                return Optional.of(words(page));
            } catch (OcrStoppedException e) {
                log.debug("Text recognition of page {} of {} stopped; it is read again", pageNo, file);
            } catch (RuntimeException e) {
                log.warn("Text recognition failed on page {} of {}: {}", pageNo, file, e.toString());
                return Optional.empty();
            }
        }
    }

    /**
     * Reads the first {@code maxPages} pages of {@code pdf} by OCR as if they were scans, text layer
     * or not: for {@code ponder bench perf}, which times it.
     *
     * @return the pages read and how many of them gave words (none when Tesseract is not available)
     * @throws IOException when {@code pdf} cannot be read as a PDF
     */
    public ScanRun readAsScans(Path pdf, int maxPages) throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            List<Integer> pages = java.util.stream.IntStream.rangeClosed(1, Math.min(maxPages, document.getNumberOfPages()))
                    .boxed().toList();
            Map<Integer, ScanWords> read = read(pdf, document, pages, ScanProgress.NONE, () -> false);
            return new ScanRun(pages.size(), pages.stream().filter(p -> !read.containsKey(p)).toList());
        } catch (ImportCancelledException e) {
            throw new IllegalStateException("never cancelled", e);
        }
    }

    /**
     * Draws the first {@code maxPages} pages of {@code pdf} as they are given to Tesseract (grey,
     * {@value #DPI} dpi or less for huge pages) into PNG files in {@code folder}: for
     * {@code ponder bench perf}, which times the {@code tesseract} command line on them as a reference.
     *
     * @return the PNG files, page 1 first, each with the dpi it was drawn at and the time drawing it
     *         took (writing the file not included)
     * @throws IOException when {@code pdf} cannot be read or a file cannot be written
     */
    public static List<DrawnFile> drawForOcr(Path pdf, int maxPages, Path folder) throws IOException {
        List<DrawnFile> files = new ArrayList<>();
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int pageNo = 1; pageNo <= Math.min(maxPages, document.getNumberOfPages()); pageNo++) {
                long start = System.nanoTime();
                Drawn drawn = draw(document, renderer, pageNo);
                long drawNanos = System.nanoTime() - start;
                Path png = folder.resolve("page-" + pageNo + ".png");
                if (!javax.imageio.ImageIO.write(drawn.image(), "png", png.toFile())) {
                    throw new IOException("no PNG writer");
                }
                files.add(new DrawnFile(png, drawn.dpi(), drawNanos));
            }
        }
        return files;
    }

    /** A page drawn into a PNG file at {@code dpi} pixels per inch; drawing it took {@code drawNanos} ns. */
    public record DrawnFile(Path png, int dpi, long drawNanos) {
    }

    private record Drawn(BufferedImage image, int dpi) {
    }

    /** Page {@code pageNo} (1-based) in grey at {@link #dpiFor} dpi. */
    private static Drawn draw(PDDocument document, PDFRenderer renderer, int pageNo) throws IOException {
        float dpi = dpiFor(document.getPage(pageNo - 1));
        return new Drawn(renderer.renderImageWithDPI(pageNo - 1, dpi, ImageType.GRAY), Math.round(dpi));
    }

    /**
     * Waits while other work goes first, saying what it waits for each time that changes (a
     * question, then sleep-time); throws when the import is cancelled meanwhile.
     */
    private void waitForOthers(int done, int count, ScanProgress progress, BooleanSupplier cancelled)
            throws ImportCancelledException {
        Optional<String> waiting = precedence.waitingFor();
        Optional<String> told = Optional.empty();
        while (true) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new ImportCancelledException();
            }
            if (waiting.isEmpty()) {
                if (told.isPresent()) {
                    progress.scanning(done, count, Optional.empty());
                }
                return;
            }
            if (!waiting.equals(told)) {
                progress.scanning(done, count, waiting);
                told = waiting;
            }
            try {
                Thread.sleep(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportCancelledException();
            }
            waiting = precedence.waitingFor();
        }
    }

    /** {@value #DPI}, or less for a page so large that it would exceed {@value #MAX_PIXELS} pixels. */
    static float dpiFor(PDPage page) {
        PDRectangle box = page.getCropBox();
        double inches = (box.getWidth() / 72.0) * (box.getHeight() / 72.0);
        double pixels = inches * DPI * DPI;
        return pixels <= MAX_PIXELS ? DPI : (float) Math.sqrt(MAX_PIXELS / inches);
    }

    /** The page's words Tesseract is sure enough of, with boxes as fractions of the page. */
    static ScanWords words(RecognisedPage page) {
        List<ScanWords.Word> words = new ArrayList<>();
        double w = page.widthPx();
        double h = page.heightPx();
        for (OcrWord word : page.words()) {
            if (word.confidence() < MIN_CONFIDENCE) {
                continue;
            }
            words.add(new ScanWords.Word(word.text(), word.left() / w, word.top() / h, (word.right() - word.left()) / w,
                    (word.bottom() - word.top()) / h, word.paragraph(), word.line(), word.confidence()));
        }
        return new ScanWords(words);
    }
}
