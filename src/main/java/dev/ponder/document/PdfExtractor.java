package dev.ponder.document;

import dev.ponder.store.PageText;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * on their own machine; nothing is redistributed. PDFBox 3 does not enforce these permissions
 * itself, so this is a decision, not an accident.
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

    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

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
         * @param pages   every page, in order, normalised ({@link TextNormaliser})
         * @param warning a sentence for the user when the file is damaged or some pages have no text
         */
        record Text(List<PageText> pages, Optional<String> warning) implements Result {
        }

        /** The file needs a user password; {@code wrongPassword} when the one given did not open it. */
        record Locked(boolean wrongPassword) implements Result {
        }

        /** Nothing usable; {@code reason} is one sentence for the user. */
        record Unreadable(String reason) implements Result {
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
        // PDFBox takes the password as a String (it cannot be wiped). With no password it tries the
        // empty user password, which is what opens owner-restricted files.
        String pw = password.map(String::new).orElse("");
        try (PDDocument document = Loader.loadPDF(file.toFile(), pw, null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return read(file, document, progress, cancelled);
        } catch (InvalidPasswordException e) {
            return new Result.Locked(password.isPresent());
        } catch (IOException | RuntimeException e) {
            // PDFBox signals a broken file with IOException and, on some malformed input, runtime exceptions
            log.warn("PDFBox could not read {}: {}", file, e.toString());
            log.debug("PDFBox failure detail for {}", file, e);
            return new Result.Unreadable(UserMessages.DAMAGED_PDF);
        }
    }

    private Result read(Path file, PDDocument document, PageProgress progress, BooleanSupplier cancelled)
            throws IOException, ImportCancelledException {
        int pageCount = document.getNumberOfPages();
        if (pageCount == 0) {
            return new Result.Unreadable(UserMessages.NO_PAGES);
        }
        Map<Integer, List<String>> formLines = formLines(file, document);
        PageTextReader reader = new PageTextReader();
        List<PageText> pages = new ArrayList<>(pageCount);
        List<Integer> unreadable = new ArrayList<>();
        List<Integer> scanned = new ArrayList<>();
        int index = 0;
        for (PDPage page : document.getPages()) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new ImportCancelledException();
            }
            int pageNo = index + 1;
            Optional<String> raw = pageText(file, document, reader, page, pageNo);
            PageText text = toPageText(pageNo, raw.orElse(""), formLines.getOrDefault(index, List.of()));
            if (raw.isEmpty()) {
                unreadable.add(pageNo);
            } else if (!text.hasText() && drawsImage(file, page, pageNo)) {
                scanned.add(pageNo);
            }
            pages.add(text);
            index++;
            progress.pageDone(index, pageCount);
        }
        return verdict(pages, unreadable, scanned, isTruncated(file));
    }

    /** The page's raw text, or empty when PDFBox could not read it. */
    private static Optional<String> pageText(Path file, PDDocument document, PageTextReader reader, PDPage page,
            int pageNo) {
        try {
            return Optional.of(reader.read(document, page));
        } catch (IOException | RuntimeException e) {
            // one broken page should not cost the user the rest of the document
            log.warn("Could not read page {} of {}: {}", pageNo, file, e.toString());
            return Optional.empty();
        }
    }

    private static boolean drawsImage(Path file, PDPage page, int pageNo) {
        try {
            return ImageProbe.drawsImage(page);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not look for images on page {} of {}: {}", pageNo, file, e.toString());
            return false;
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
        if (pages.stream().noneMatch(PageText::hasText)) {
            // empty pages in a file that was cut short or would not parse mean damage, not a scan
            if (truncated || !unreadablePages.isEmpty()) {
                return new Result.Unreadable(UserMessages.DAMAGED_PDF);
            }
            return new Result.Unreadable(scannedPages.isEmpty() ? UserMessages.BLANK : UserMessages.SCANNED);
        }
        List<String> warnings = new ArrayList<>();
        if (truncated) {
            warnings.add(UserMessages.damaged(pages.size()));
        }
        if (!unreadablePages.isEmpty()) {
            warnings.add(UserMessages.unreadablePages(unreadablePages));
        }
        if (!scannedPages.isEmpty()) {
            warnings.add(UserMessages.pagesWithoutText(scannedPages));
        }
        return new Result.Text(pages, warnings.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", warnings)));
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
