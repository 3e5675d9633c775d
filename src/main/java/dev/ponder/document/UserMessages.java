package dev.ponder.document;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The sentences an import shows the user, in one place so they stay plain, consistent and free of
 * jargon. Details for developers go to the log, never here.
 */
final class UserMessages {

    static final String EMPTY_FILE = "This file is empty.";
    /** Completed by {@link FileSniffer} with a guess of what the file is. */
    static final String NOT_PDF = "This is not a PDF";
    static final String NO_PAGES = "This PDF has no pages.";
    /** Without text recognition asked for (the text layer only). */
    static final String SCANNED = "This PDF has no text layer — it looks scanned. Ponder cannot read scanned pages yet.";
    private static final String SCANNED_FIRST = "This PDF has no text layer — it looks scanned.";
    /** Text recognition ran and found no words (a photo, a drawing, a blank scan). */
    static final String SCANNED_NO_WORDS = "This PDF has no text layer — it looks scanned, and text recognition found "
            + "no words on it.";
    static final String BLANK = "This PDF has no text to read: its pages are blank.";
    static final String DAMAGED_PDF = "Ponder could not read this PDF: it is damaged.";
    static final String NEEDS_PASSWORD = "This PDF is protected by a password. Enter the password to open it.";
    static final String WRONG_PASSWORD = "That password did not open this PDF. Check it and try again.";
    static final String CANCELLED = "The import was stopped before it finished. Open the file again to import it.";
    static final String NOT_EMBEDDED = "Ponder could not prepare this document for questions. Try opening it again.";

    static final String GARBLED = "The text of this PDF could not be read reliably (its fonts do not say which letters "
            + "they draw), so Ponder did not index it.";
    static final String OUTLINED = "This PDF has no text layer — its letters are drawn as shapes (outlines), so Ponder "
            + "cannot read them.";
    static final String COPYING_RESTRICTED = "This PDF asks that its text not be copied; Ponder reads it only to answer "
            + "your questions on this computer and copies it nowhere else.";
    static final String ALL_HIDDEN = "All the text in this PDF is hidden from a reader, so Ponder left it out and has "
            + "nothing to read; it may be an attempt to steer the assistant.";
    /** The longest document message the library stores, in chars. */
    static final int MAX_MESSAGE = 4000;

    private static final int MAX_LISTED_PAGES = 20;

    private UserMessages() {
    }

    static String damaged(int pagesRead) {
        return "This file looks damaged or incomplete (it was cut short); Ponder read " + pagesRead
                + (pagesRead == 1 ? " page" : " pages") + " but some text may be missing.";
    }

    /** "Page 3 has no text — it looks scanned." / "Pages 2, 5 have no text — they look scanned." */
    static String pagesWithoutText(List<Integer> pageNumbers) {
        if (pageNumbers.size() == 1) {
            return "Page " + pageNumbers.get(0) + " has no text — it looks scanned.";
        }
        String listed = pageNumbers.stream().limit(MAX_LISTED_PAGES).map(String::valueOf)
                .collect(Collectors.joining(", "));
        int more = pageNumbers.size() - MAX_LISTED_PAGES;
        String tail = more > 0 ? " and " + more + " more" : "";
        return "Pages " + listed + tail + " have no text — they look scanned.";
    }

    /**
     * A scanned file when text recognition is missing: "This PDF has no text layer — it looks
     * scanned. To read scanned pages, install Tesseract (sudo apt install tesseract-ocr), then open
     * the file again."
     */
    static String scannedWithout(String howToInstall) {
        return SCANNED_FIRST + " To read scanned pages, " + howToInstall + ", then open the file again.";
    }

    /**
     * After the sentence about pages without usable text, when text recognition is missing: "To read
     * them, install Tesseract (…); Ponder reads them when it next starts or when you open Settings."
     *
     * @param pages how many pages it is about ("it" for one)
     */
    static String readThemWith(String howToInstall, int pages) {
        return "To read " + (pages == 1 ? "it" : "them") + ", " + howToInstall
                + "; Ponder reads " + (pages == 1 ? "it" : "them") + " when it next starts or when you open Settings.";
    }

    /**
     * Text recognition has become available and reads the pages imports left unread: "Ponder can read
     * scanned pages now, and is reading those of scan.pdf and report.pdf in the background."
     *
     * @param fileNames the documents' file names; more than {@value #MAX_LISTED_PAGES} are counted, not named
     */
    static String readingScansLeft(List<String> fileNames) {
        List<String> named = fileNames.stream().limit(MAX_LISTED_PAGES).toList();
        int more = fileNames.size() - named.size();
        String listed = more > 0 ? String.join(", ", named) + " and " + more + " more"
                : named.size() == 1 ? named.get(0)
                : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
        return "Ponder can read scanned pages now, and is reading those of " + listed + " in the background.";
    }

    /** After the sentence about pages without usable text, while OCR reads them in the background. */
    static final String SCANS_READ_LATER = "Ponder is reading them in the background; the rest can be asked about now.";
    /** The flag of a document whose scanned pages wait for text recognition to be installed. */
    static final String SCANS_WAIT_FOR_OCR = "Its scanned pages are read once text recognition (Tesseract) is installed.";

    /** "Page 3 is a scan: Ponder read it with text recognition (OCR), which can misread words." */
    static String readByOcr(int pageNo, Findings.OcrCause cause) {
        return switch (cause) {
            case SCAN -> "Page " + pageNo + " is a scan: Ponder read it with text recognition (OCR), which can misread words.";
            case GARBLED -> "Page " + pageNo + "'s text could not be read reliably, so Ponder read the page with text "
                    + "recognition (OCR) instead, which can misread words.";
            case OUTLINES -> "Page " + pageNo + "'s letters are drawn as shapes, so Ponder read the page with text "
                    + "recognition (OCR), which can misread words.";
        };
    }

    /** "Pages 1, 2 were read with text recognition (OCR), which can misread words." */
    static String readByOcr(List<Integer> pageNumbers) {
        return pages(pageNumbers, true) + (pageNumbers.size() == 1 ? " was" : " were")
                + " read with text recognition (OCR), which can misread words.";
    }

    static String brokenXref(int pagesRead) {
        return "This file is damaged (its table of contents was broken); Ponder repaired it and read " + pagesRead
                + (pagesRead == 1 ? " page" : " pages") + ", but some text may be missing.";
    }

    /** "Page 2 has no text — its letters are drawn as shapes (outlines), so Ponder cannot read them." */
    static String outlinedPages(List<Integer> pageNumbers) {
        return pages(pageNumbers, true) + (pageNumbers.size() == 1 ? " has" : " have")
                + " no text — the letters are drawn as shapes (outlines), so Ponder cannot read them.";
    }

    /** "Page 4's text could not be read reliably — Ponder left it out." */
    static String garbledPages(List<Integer> pageNumbers) {
        if (pageNumbers.size() == 1) {
            return "Page " + pageNumbers.get(0) + "'s text could not be read reliably — Ponder left it out.";
        }
        return "The text of " + pages(pageNumbers, false) + " could not be read reliably — Ponder left it out.";
    }

    /**
     * "Page 3 has text a reader cannot see (white on white) — Ponder left it out; it may be an
     * attempt to steer the assistant."
     *
     * @param ways "white on white, off the page"
     * @param kept true when the user chose to keep such text
     */
    static String hiddenText(List<Integer> pageNumbers, String ways, boolean kept) {
        return pages(pageNumbers, true) + (pageNumbers.size() == 1 ? " has" : " have")
                + " text a reader cannot see (" + ways + ") — "
                + (kept ? "Ponder kept it, as set in its options" : "Ponder left it out")
                + "; it may be an attempt to steer the assistant.";
    }

    static String addressedToAssistants(List<Integer> pageNumbers) {
        return pages(pageNumbers, true) + (pageNumbers.size() == 1 ? " has" : " have")
                + " text addressed to AI assistants — Ponder never follows it and keeps it out of what it prepares;"
                + " it may be an attempt to steer the assistant.";
    }

    /** "Page 3" / "Pages 2, 5" ({@code capital}) or "page 3" / "pages 2, 5", at most 20 listed. */
    private static String pages(List<Integer> pageNumbers, boolean capital) {
        String word = pageNumbers.size() == 1 ? "page " : "pages ";
        String listed = pageNumbers.stream().limit(MAX_LISTED_PAGES).map(String::valueOf)
                .collect(Collectors.joining(", "));
        int more = pageNumbers.size() - MAX_LISTED_PAGES;
        String out = word + listed + (more > 0 ? " and " + more + " more" : "");
        return capital ? Character.toUpperCase(out.charAt(0)) + out.substring(1) : out;
    }

    /** {@code sentences} joined by spaces, cut to {@link #MAX_MESSAGE} chars. */
    static String join(List<String> sentences) {
        String all = String.join(" ", sentences);
        return all.length() <= MAX_MESSAGE ? all : all.substring(0, MAX_MESSAGE - 1) + "…";
    }

    static String unreadablePages(List<Integer> pageNumbers) {
        String listed = pageNumbers.stream().limit(MAX_LISTED_PAGES).map(String::valueOf)
                .collect(Collectors.joining(", "));
        int more = pageNumbers.size() - MAX_LISTED_PAGES;
        return "Ponder could not read the text of " + (pageNumbers.size() == 1 ? "page " : "pages ") + listed
                + (more > 0 ? " and " + more + " more" : "") + ".";
    }

    static String cannotRead(String fileName, String why) {
        return "Ponder could not read " + fileName + ": " + why + ".";
    }
}
