package dev.ponder.document;

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

    private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

    private final boolean keepHiddenText;

    /** Leaves text a reader cannot see out of the page text (Ponder's default). */
    public PdfExtractor() {
        this(false);
    }

    /** @param keepHiddenText true to keep text a reader cannot see in the page text (it is flagged either way) */
    public PdfExtractor(boolean keepHiddenText) {
        this.keepHiddenText = keepHiddenText;
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
         */
        record Text(List<PageText> pages, Optional<String> warning, List<IngestionFlag> flags) implements Result {
            public Text(List<PageText> pages, Optional<String> warning) {
                this(pages, warning, List.of());
            }
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
        PageTextReader reader = new PageTextReader(keepHiddenText);
        Findings findings = new Findings(keepHiddenText);
        List<PageText> pages = new ArrayList<>(pageCount);
        int index = 0;
        for (PDPage page : document.getPages()) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw new ImportCancelledException();
            }
            int pageNo = index + 1;
            Optional<PageTextReader.Reading> reading = pageText(file, document, reader, page, pageNo);
            String raw = "";
            if (reading.isEmpty()) {
                findings.unreadable(pageNo);
            } else {
                raw = reading.get().text();
                Optional<String> garbage = TextQuality.problem(raw, reading.get().glyphs(), reading.get().unmappedGlyphs());
                if (garbage.isPresent()) {
                    log.info("Page {} of {} left out: {}", pageNo, file, garbage.get());
                    findings.garbled(pageNo, garbage.get());
                    raw = "";
                }
                findings.hidden(pageNo, reading.get().hidden());
            }
            PageText text = toPageText(pageNo, raw, formLines.getOrDefault(index, List.of()));
            if (reading.isPresent() && !text.hasText() && !findings.isGarbled(pageNo)) {
                DrawingProbe.Drawing drawing = drawing(file, page, pageNo);
                if (drawing.image()) {
                    findings.scanned(pageNo);
                } else if (drawing.looksLikeOutlinedText()) {
                    findings.outlined(pageNo);
                }
            }
            pages.add(text);
            index++;
            progress.pageDone(index, pageCount);
        }
        Attachments.Found attached = new Attachments(keepHiddenText).read(document);
        pages = withAttachments(pages, attached.text());
        findings.attachments(attached);
        if (copyingRestricted(document)) {
            findings.copyingRestricted();
        }
        boolean truncated = isTruncated(file);
        findings.damage(truncated, !truncated && brokenXref(file));
        return findings.verdict(pages);
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
