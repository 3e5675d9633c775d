package dev.ponder.document;

import dev.ponder.base.Hashing;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.PageText;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws a cited page of a stored document and marks the lines that support the answer, for the
 * page viewer. The page is drawn from the file the document was imported from, with PDFBox's
 * {@link PDFRenderer}, only when that file is still the imported one (same size and SHA-256 as
 * stored); otherwise, and when the file is encrypted (Ponder keeps no passwords) or PDFBox cannot
 * draw it, the page's stored text is shown with the same lines marked and the reason in one
 * sentence. A page read by text recognition is marked where Tesseract found the lines' words
 * ({@link ScanWords}). Blocking: call off the UI thread. Safe to call from several threads.
 */
public final class PageRenderer {

    static final String SHOWING_STORED = " — showing the text Ponder stored.";
    static final String CHANGED = "The file has changed since it was imported" + SHOWING_STORED;
    static final String NOT_VERIFIABLE = "Ponder cannot tell whether this file is the one it imported" + SHOWING_STORED;
    static final String ENCRYPTED = "This PDF is protected by a password, which Ponder does not keep" + SHOWING_STORED;
    static final String UNDRAWABLE = "Ponder could not draw this page" + SHOWING_STORED;

    /** Widest image drawn, in pixels; a larger request is drawn at this width. */
    public static final int MAX_WIDTH_PX = 4000;
    /** Most pixels in one image (about 64 MB of ARGB). */
    static final long MAX_PIXELS = 16_000_000L;

    private static final Logger log = LoggerFactory.getLogger(PageRenderer.class);

    private final LibraryRepository library;
    /** Files whose hash matched, by path, with the size and modification time they had then. */
    private final Map<Path, Checked> checked = new ConcurrentHashMap<>();

    private record Checked(String sha256, long size, FileTime modified) {
    }

    public PageRenderer(LibraryRepository library) {
        this.library = library;
    }

    /** Missing file: "The file is no longer at /docs/report.pdf — showing the text Ponder stored." */
    static String missing(Path file) {
        return "The file is no longer at " + file + SHOWING_STORED;
    }

    /**
     * Page {@code page} of document {@code documentId}, drawn {@code widthPx} pixels wide, or its
     * stored text when the file cannot be drawn (see the class comment).
     *
     * @param page    1-based page number
     * @param answer  the answer whose citation was opened; its distinctive words choose the lines
     *                marked (none when blank)
     * @param widthPx width of the image to draw, in pixels, at most {@value #MAX_WIDTH_PX}
     * @throws IllegalArgumentException when there is no such document or page, or widthPx &lt; 1
     * @throws dev.ponder.store.StoreException when the store cannot be read
     */
    public PageView view(long documentId, int page, String answer, int widthPx) {
        if (widthPx < 1) {
            throw new IllegalArgumentException("widthPx must be positive: " + widthPx);
        }
        DocumentEntry document = library.find(documentId)
                .orElseThrow(() -> new IllegalArgumentException("No document " + documentId));
        if (page < 1 || page > document.pages()) {
            throw new IllegalArgumentException(document.fileName() + " has no page " + page);
        }
        Optional<String> notTheFile = notTheImportedFile(document);
        if (notTheFile.isPresent()) {
            return storedText(document, page, answer, notTheFile.get(), false);
        }
        try (PDDocument pdf = Loader.loadPDF(document.path().toFile(), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return draw(document, pdf, page, answer, Math.min(widthPx, MAX_WIDTH_PX));
        } catch (InvalidPasswordException e) {
            return storedText(document, page, answer, ENCRYPTED, true);
        } catch (IOException | RuntimeException e) {
            // PDFBox reports broken content with IOException and, on malformed input, runtime exceptions
            log.warn("Could not draw page {} of {}: {}", page, document.path(), e.toString());
            log.debug("PDFBox failure detail", e);
            return storedText(document, page, answer, UNDRAWABLE, true);
        }
    }

    private PageView draw(DocumentEntry document, PDDocument pdf, int page, String answer, int widthPx)
            throws IOException {
        if (page > pdf.getNumberOfPages()) {
            return storedText(document, page, answer, CHANGED, false);
        }
        PDPage pdPage = pdf.getPage(page - 1);
        PDRectangle crop = pdPage.getCropBox();
        boolean sideways = Math.floorMod(pdPage.getRotation(), 180) == 90;
        double widthPt = sideways ? crop.getHeight() : crop.getWidth();
        double heightPt = sideways ? crop.getWidth() : crop.getHeight();
        double scale = widthPx / widthPt;
        if (widthPx * (heightPt * scale) > MAX_PIXELS) {
            scale = Math.sqrt(MAX_PIXELS / (widthPt * heightPt));
        }
        BufferedImage image = new PDFRenderer(pdf).renderImage(page - 1, (float) scale, ImageType.RGB);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        // a scanned page is marked where text recognition found its words; another by its text layer,
        // at the scale the renderer drew at (it rounds the image size down)
        Optional<ScanWords> scan = library.scanWords(document.id(), page).map(ScanWords::decode);
        List<PageLines.Line> lines = scan.isPresent() ? scanLines(scan.get(), w, h)
                : new PageLines().linesOf(pdf, pdPage, scale);
        List<Integer> picked = SupportingLines.pick(lines.stream().map(PageLines.Line::text).toList(), answer);
        List<PageView.Box> marks = new ArrayList<>();
        for (int i : picked) {
            Rectangle2D b = lines.get(i).box().createIntersection(new Rectangle2D.Double(0, 0, w, h));
            if (!b.isEmpty()) {
                marks.add(new PageView.Box(b.getX(), b.getY(), b.getWidth(), b.getHeight()));
            }
        }
        return new PageView.Rendered(document, page, w, h, argb, widthPt, heightPt, marks, scan.isPresent());
    }

    /** The lines OCR read, with their boxes in the pixels of a {@code w} × {@code h} image of the page. */
    static List<PageLines.Line> scanLines(ScanWords words, int w, int h) {
        return words.lines().stream()
                .map(l -> new PageLines.Line(l.text(), new Rectangle2D.Double(l.box().getX() * w, l.box().getY() * h,
                        l.box().getWidth() * w, l.box().getHeight() * h)))
                .toList();
    }

    /** Why the file at the document's path is not the one imported, or empty when it is. */
    private Optional<String> notTheImportedFile(DocumentEntry document) {
        Path file = document.path();
        if (document.sha256().isEmpty()) {
            return Optional.of(NOT_VERIFIABLE);
        }
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.of(missing(file));
            }
            long size = Files.size(file);
            if (size != document.byteSize()) {
                return Optional.of(CHANGED);
            }
            FileTime modified = Files.getLastModifiedTime(file);
            Checked known = checked.get(file);
            String sha = known != null && known.size == size && known.modified.equals(modified)
                    ? known.sha256 : Hashing.sha256Hex(file);
            checked.put(file, new Checked(sha, size, modified));
            return sha.equalsIgnoreCase(document.sha256().get()) ? Optional.empty() : Optional.of(CHANGED);
        } catch (IOException e) {
            log.warn("Could not read {} to check it: {}", file, e.toString());
            return Optional.of(missing(file));
        }
    }

    private PageView.StoredText storedText(DocumentEntry document, int page, String answer, String reason,
                                             boolean fileUsable) {
        String text = library.pages(document.id(), page, page).stream().findFirst().map(PageText::text).orElse("");
        List<String> lines = List.of(text.split("\n", -1));
        List<PageView.Span> marks = new ArrayList<>();
        int[] starts = new int[lines.size()];
        for (int i = 1; i < lines.size(); i++) {
            starts[i] = starts[i - 1] + lines.get(i - 1).length() + 1;
        }
        for (int i : SupportingLines.pick(lines, answer)) {
            marks.add(new PageView.Span(starts[i], starts[i] + lines.get(i).length()));
        }
        return new PageView.StoredText(document, page, text, marks, reason, fileUsable);
    }
}
