package dev.ponder.document;

import dev.ponder.store.IngestionFlag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.common.filespecification.PDFileSpecification;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationFileAttachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files attached to a PDF: every one is listed (a flag each); text, CSV and PDF attachments are
 * read and their text becomes part of the document, after the text of the page that carries them
 * (a file attachment annotation) or of the last page (the document's embedded files), under a
 * line naming the file.
 *
 * <p>Caps keep memory bounded and a crafted file from exploding: an attachment over
 * {@value #MAX_BYTES} bytes is listed, not read; at most {@value #MAX_TEXT_CHARS} chars of
 * attachment text per document (the rest is cut, and the flag says so); at most
 * {@value #MAX_ATTACHMENTS} attachments per PDF; the attachments of an attached PDF are read
 * ({@value #MAX_DEPTH} levels), deeper ones are not. An attached PDF is read with the same
 * rules as the document (hidden and garbled text left out).
 */
final class Attachments {

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);

    static final long MAX_BYTES = 20L * 1024 * 1024;
    static final int MAX_TEXT_CHARS = 2_000_000;
    static final int MAX_ATTACHMENTS = 100;
    static final int MAX_DEPTH = 2;

    /** What an attachment holds, as far as Ponder reads it. */
    enum Kind { TEXT, CSV, PDF, OTHER }

    /**
     * An attachment's text, to be added to a page.
     *
     * @param pageNo 1-based page it belongs after
     * @param text   "Attached file "name":" and the attachment's text
     */
    record Added(int pageNo, String text) {
    }

    /** What reading the attachments gave: text to add and one flag per attachment. */
    record Found(List<Added> text, List<IngestionFlag> flags, List<String> readNames, List<String> listedNames) {
    }

    private final boolean keepHidden;
    private int charsLeft = MAX_TEXT_CHARS;

    Attachments(boolean keepHidden) {
        this.keepHidden = keepHidden;
    }

    /** Lists and reads the attachments of {@code document}, the file the user opened. */
    Found read(PDDocument document) {
        List<Added> text = new ArrayList<>();
        List<IngestionFlag> flags = new ArrayList<>();
        List<String> read = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        int lastPage = document.getNumberOfPages();
        for (Map.Entry<PDComplexFileSpecification, Integer> e : attached(document).entrySet()) {
            int pageNo = e.getValue() == 0 ? lastPage : e.getValue();
            String name = nameOf(e.getKey());
            Outcome outcome = readOne(e.getKey(), name, 1);
            outcome.text().ifPresent(t -> text.add(new Added(pageNo, "Attached file \"" + name + "\":\n" + t)));
            (outcome.text().isPresent() ? read : listed).add(name);
            flags.add(new IngestionFlag(e.getValue(), IngestionFlag.Kind.ATTACHMENT, outcome.sentence()));
        }
        return new Found(text, flags, read, listed);
    }

    /** One attachment: its text when read, and a sentence for the user either way. */
    private record Outcome(Optional<String> text, String sentence) {
    }

    /** The embedded files (page 0) and file attachment annotations (their 1-based page), in order. */
    static Map<PDComplexFileSpecification, Integer> attached(PDDocument document) {
        Map<PDComplexFileSpecification, Integer> found = new LinkedHashMap<>();
        try {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            if (names != null && names.getEmbeddedFiles() != null) {
                collect(names.getEmbeddedFiles(), found, 0);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not list the embedded files: {}", e.toString());
        }
        int pageNo = 0;
        for (PDPage page : document.getPages()) {
            pageNo++;
            try {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (found.size() >= MAX_ATTACHMENTS) {
                        return found;
                    }
                    if (annotation instanceof PDAnnotationFileAttachment file) {
                        PDFileSpecification spec = file.getFile();
                        if (spec instanceof PDComplexFileSpecification complex) {
                            found.putIfAbsent(complex, pageNo);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not read the annotations of page {}: {}", pageNo, e.toString());
            }
        }
        return found;
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node,
            Map<PDComplexFileSpecification, Integer> found,
            int depth) throws IOException {
        if (depth > 20) {
            return; // a name tree this deep is broken or hostile
        }
        Map<String, PDComplexFileSpecification> names = node.getNames();
        if (names != null) {
            for (PDComplexFileSpecification spec : names.values()) {
                if (found.size() < MAX_ATTACHMENTS && spec != null) {
                    found.putIfAbsent(spec, 0);
                }
            }
        }
        if (node.getKids() != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : node.getKids()) {
                collect(kid, found, depth + 1);
            }
        }
    }

    private Outcome readOne(PDComplexFileSpecification spec, String name, int depth) {
        PDEmbeddedFile file = embeddedFile(spec);
        String quoted = "\"" + name + "\"";
        if (depth > MAX_DEPTH) {
            log.info("Attachment {} is {} levels deep; not read", name, depth);
            return new Outcome(Optional.empty(), "Attached file " + quoted + " sits inside an attached PDF inside an "
                    + "attached PDF; Ponder reads attachments " + MAX_DEPTH + " levels deep, so it listed this one only.");
        }
        if (file == null) {
            return new Outcome(Optional.empty(), "Attached file " + quoted + " is only named; its content is not in the PDF.");
        }
        byte[] bytes;
        try {
            bytes = readCapped(file);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read attachment {}: {}", name, e.toString());
            return new Outcome(Optional.empty(), "Attached file " + quoted + " could not be read: it is damaged.");
        }
        if (bytes == null) {
            return new Outcome(Optional.empty(), "Attached file " + quoted + " is larger than "
                    + (MAX_BYTES / (1024 * 1024)) + " MB, so Ponder listed it but did not read it.");
        }
        Kind kind = kindOf(name, file.getSubtype(), bytes);
        if (kind == Kind.OTHER) {
            return new Outcome(Optional.empty(), "Attached file " + quoted + " (" + size(bytes.length)
                    + ") is listed only: Ponder reads text, CSV and PDF attachments.");
        }
        if (charsLeft <= 0) {
            return new Outcome(Optional.empty(), "Attached file " + quoted + " was not read: this document's "
                    + "attachments already gave Ponder as much text as it reads from them.");
        }
        Optional<String> text;
        if (kind == Kind.PDF) {
            text = pdfText(bytes, name, depth);
            if (text.isEmpty()) {
                return new Outcome(Optional.empty(), "Attached file " + quoted
                        + " is a PDF Ponder could not read (it is damaged, locked or has no text).");
            }
        } else {
            text = Optional.of(decode(bytes));
        }
        String t = text.get().strip();
        boolean cut = t.length() > charsLeft;
        if (cut) {
            t = t.substring(0, Character.isHighSurrogate(t.charAt(charsLeft - 1)) ? charsLeft - 1 : charsLeft);
        }
        charsLeft -= t.length();
        return new Outcome(Optional.of(t), "Attached file " + quoted + " (" + size(bytes.length) + ", "
                + (kind == Kind.TEXT ? "text" : kind.name()) + ") was read as part of this document"
                + (cut ? ", up to Ponder's limit for attachment text." : "."));
    }

    /** The text of an attached PDF, its own attachments added, or empty when it has none or cannot be opened. */
    private Optional<String> pdfText(byte[] bytes, String name, int depth) {
        try (PDDocument inner = Loader.loadPDF(bytes, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            PageTextReader reader = new PageTextReader(keepHidden);
            StringBuilder out = new StringBuilder();
            for (PDPage page : inner.getPages()) {
                if (out.length() > charsLeft) {
                    break;
                }
                PageTextReader.Reading reading = reader.read(inner, page);
                if (TextQuality.problem(reading.text(), reading.glyphs(), reading.unmappedGlyphs()).isEmpty()) {
                    out.append(reading.text().strip()).append("\n\n");
                }
            }
            for (Map.Entry<PDComplexFileSpecification, Integer> e : attached(inner).entrySet()) {
                String innerName = nameOf(e.getKey());
                readOne(e.getKey(), innerName, depth + 1).text()
                        .ifPresent(t -> out.append("Attached file \"").append(innerName).append("\":\n").append(t).append("\n\n"));
            }
            String text = TextNormaliser.normalise(out.toString()).strip();
            return PdfExtractor.hasText(text) ? Optional.of(text) : Optional.empty();
        } catch (InvalidPasswordException e) {
            log.info("Attached PDF {} needs a password", name);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read attached PDF {}: {}", name, e.toString());
            return Optional.empty();
        }
    }

    private static PDEmbeddedFile embeddedFile(PDComplexFileSpecification spec) {
        PDEmbeddedFile file = spec.getEmbeddedFileUnicode();
        return file != null ? file : spec.getEmbeddedFile();
    }

    /** The attachment's bytes, or null when it has more than {@link #MAX_BYTES}. */
    private static byte[] readCapped(PDEmbeddedFile file) throws IOException {
        if (file.getSize() > MAX_BYTES || file.getLength() > MAX_BYTES) {
            return null;
        }
        try (InputStream in = file.createInputStream()) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? null : bytes;
        }
    }

    static String nameOf(PDComplexFileSpecification spec) {
        String name = spec.getFileUnicode();
        if (name == null || name.isBlank()) {
            name = spec.getFilename();
        }
        if (name == null || name.isBlank()) {
            return "unnamed";
        }
        // a name may be a path; the user knows the file by its last part
        String[] parts = name.split("[/\\\\]");
        return parts[parts.length - 1];
    }

    /** From the bytes first (a PDF is a PDF whatever its name), then the name and declared type. */
    static Kind kindOf(String name, String mimeType, byte[] bytes) {
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, FileSniffer.HEADER_WINDOW));
        if (FileSniffer.indexOf(head, "%PDF-".getBytes(StandardCharsets.US_ASCII)) >= 0) {
            return Kind.PDF;
        }
        byte[] sample = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, 8192));
        if (bytes.length == 0 || !FileSniffer.isPlainText(withoutBom(sample))) {
            return Kind.OTHER;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".tsv") || mime.contains("csv") || mime.contains("tab-separated")) {
            return Kind.CSV;
        }
        return Kind.TEXT;
    }

    private static byte[] withoutBom(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
        }
        return bytes;
    }

    /** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what old text files mostly are). */
    static String decode(byte[] bytes) {
        byte[] body = withoutBom(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return new String(body, Charset.forName("windows-1252"));
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
