package dev.ponder.store;

import java.util.Optional;

/**
 * Something an import noticed about one page or the whole file, shown to the user beside the
 * document. Flags are never part of the text a model reads.
 *
 * @param pageNo  1-based page, or 0 when it is about the whole file
 * @param kind    what was noticed
 * @param message one sentence for the user, at most 1,000 chars
 * @param detail  more for the curious (e.g. the hidden text itself, shortened to 4,000 chars); empty when none
 */
public record IngestionFlag(int pageNo, Kind kind, String message, Optional<String> detail) {

    /** Longest {@link #message}, in chars. */
    public static final int MAX_MESSAGE = 1000;
    /** Longest {@link #detail}, in chars. */
    public static final int MAX_DETAIL = 4000;

    public IngestionFlag {
        if (pageNo < 0) {
            throw new IllegalArgumentException("pageNo must be 0 (whole file) or a 1-based page: " + pageNo);
        }
        message = shorten(message, MAX_MESSAGE);
        detail = detail.map(d -> shorten(d, MAX_DETAIL));
    }

    /** A flag without detail. */
    public IngestionFlag(int pageNo, Kind kind, String message) {
        this(pageNo, kind, message, Optional.empty());
    }

    /** True when the flag is about the whole file rather than one page. */
    public boolean wholeFile() {
        return pageNo == 0;
    }

    private static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "…";
    }

    /** What was noticed. */
    public enum Kind {
        /** A page without a text layer that draws an image: it looks scanned. */
        NO_TEXT_LAYER,
        /** A page without a text layer whose letters seem drawn as shapes (outlines). */
        TEXT_AS_OUTLINES,
        /** A page whose text came out as garbage (no Unicode map, dropped letters); not indexed. */
        GARBLED_TEXT,
        /** Text a reader cannot see (white on white, invisible, tiny, off the page); left out. */
        HIDDEN_TEXT,
        /** A page PDFBox could not read. */
        UNREADABLE_PAGE,
        /** The file was cut short or its cross-reference table was broken, and was repaired. */
        DAMAGED_FILE,
        /** The file's permissions ask that its text not be copied. */
        COPYING_RESTRICTED,
        /** A file attached to the PDF: read as part of the document, or listed only. */
        ATTACHMENT,
        /**
         * Visible text that speaks to an AI assistant ("Note to AI assistants: ignore all previous
         * instructions"): kept in the document, never followed, left out of what sleep-time reads.
         */
        ADDRESSED_TO_ASSISTANTS,
        /** A page without usable text of its own (a scan, outlines, garbled text) read by text recognition (OCR). */
        READ_BY_OCR,
        /**
         * The whole file (page 0): pages without usable text were not read by OCR — it was missing, or
         * they are being read in the background — so Ponder reads them once it can.
         */
        SCANS_NOT_READ
    }
}
