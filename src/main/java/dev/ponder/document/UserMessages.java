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
    static final String SCANNED = "This PDF has no text layer — it looks scanned. Ponder cannot read scanned pages yet.";
    static final String BLANK = "This PDF has no text to read: its pages are blank.";
    static final String DAMAGED_PDF = "Ponder could not read this PDF: it is damaged.";
    static final String NEEDS_PASSWORD = "This PDF is protected by a password. Enter the password to open it.";
    static final String WRONG_PASSWORD = "That password did not open this PDF. Check it and try again.";
    static final String CANCELLED = "The import was stopped before it finished. Open the file again to import it.";
    static final String NOT_EMBEDDED = "Ponder could not prepare this document for questions. Try opening it again.";

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
