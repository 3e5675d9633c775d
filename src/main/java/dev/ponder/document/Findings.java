package dev.ponder.document;

import dev.ponder.store.IngestionFlag;
import dev.ponder.store.IngestionFlag.Kind;
import dev.ponder.store.PageText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What reading one PDF noticed, page by page, and the verdict on it: the flags to store, the
 * warning sentences, or the reason it has nothing to read.
 */
final class Findings {

    static final int MIN_FLAGGED_HIDDEN_CHARS = 3;

    /** Why a page was read by OCR. */
    enum OcrCause {
        /** No text layer, an image: a scan. */
        SCAN,
        /** Its text could not be read reliably ({@link TextQuality}). */
        GARBLED,
        /** Its letters are drawn as shapes. */
        OUTLINES
    }

    private final boolean keptHidden;
    private final Optional<String> ocrAdvice;
    private final boolean ocrRan;
    private final List<Integer> readByOcr = new ArrayList<>();
    private final List<Integer> unreadable = new ArrayList<>();
    private final List<Integer> scanned = new ArrayList<>();
    private final List<Integer> outlined = new ArrayList<>();
    private final List<Integer> garbled = new ArrayList<>();
    private final List<Integer> hiddenPages = new ArrayList<>();
    private final Set<String> hiddenWays = new LinkedHashSet<>();
    private final List<IngestionFlag> pageFlags = new ArrayList<>();
    private final List<IngestionFlag> attachmentFlags = new ArrayList<>();
    private final List<String> attachmentSentences = new ArrayList<>();
    private boolean truncated;
    private boolean brokenXref;
    private boolean copyingRestricted;

    Findings(boolean keptHidden) {
        this(keptHidden, Optional.empty());
    }

    /**
     * @param ocrAdvice how to install text recognition, when pages need it and it is missing: said
     *                  after the sentences about scanned, outlined and garbled pages
     */
    Findings(boolean keptHidden, Optional<String> ocrAdvice) {
        this(keptHidden, ocrAdvice, false);
    }

    /** @param ocrRan the pages without usable text were read by OCR (those still without text had no words) */
    Findings(boolean keptHidden, Optional<String> ocrAdvice, boolean ocrRan) {
        this.keptHidden = keptHidden;
        this.ocrAdvice = ocrAdvice;
        this.ocrRan = ocrRan;
    }

    /** Page {@code pageNo} had no usable text of its own and was read by OCR. */
    void readByOcr(int pageNo, OcrCause cause) {
        readByOcr.add(pageNo);
        pageFlags.add(new IngestionFlag(pageNo, Kind.READ_BY_OCR, UserMessages.readByOcr(pageNo, cause)));
    }

    void unreadable(int pageNo) {
        unreadable.add(pageNo);
        pageFlags.add(new IngestionFlag(pageNo, Kind.UNREADABLE_PAGE, UserMessages.unreadablePages(List.of(pageNo))));
    }

    void scanned(int pageNo) {
        scanned.add(pageNo);
        pageFlags.add(new IngestionFlag(pageNo, Kind.NO_TEXT_LAYER, UserMessages.pagesWithoutText(List.of(pageNo))));
    }

    void outlined(int pageNo) {
        outlined.add(pageNo);
        pageFlags.add(new IngestionFlag(pageNo, Kind.TEXT_AS_OUTLINES, UserMessages.outlinedPages(List.of(pageNo))));
    }

    /** @param why what was wrong with the text, for the curious */
    void garbled(int pageNo, String why) {
        garbled.add(pageNo);
        pageFlags.add(new IngestionFlag(pageNo, Kind.GARBLED_TEXT, UserMessages.garbledPages(List.of(pageNo)),
                Optional.of(why)));
    }

    boolean isGarbled(int pageNo) {
        return garbled.contains(pageNo);
    }

    /**
     * Hidden text is flagged when it has at least {@value #MIN_FLAGGED_HIDDEN_CHARS} non-space
     * characters: a stray page number or full stop past the margin is left out without a word.
     */
    void hidden(int pageNo, HiddenText hidden) {
        if (hidden.isEmpty() || hidden.excerpt().codePoints().filter(c -> !Character.isWhitespace(c))
                .limit(MIN_FLAGGED_HIDDEN_CHARS).count() < MIN_FLAGGED_HIDDEN_CHARS) {
            return;
        }
        hiddenPages.add(pageNo);
        hidden.glyphsByWay().keySet().stream().sorted().forEach(w -> hiddenWays.add(w.phrase));
        pageFlags.add(new IngestionFlag(pageNo, Kind.HIDDEN_TEXT,
                UserMessages.hiddenText(List.of(pageNo), hidden.ways(), keptHidden), Optional.of(hidden.excerpt())));
    }

    /**
     * Flags each page with visible text that speaks to an AI assistant ({@link AddressedToAssistants});
     * the passages, joined by " … ", are the flag's detail.
     *
     * @return the pages flagged
     */
    private List<Integer> addressedToAssistants(List<PageText> pages) {
        List<Integer> flagged = new ArrayList<>();
        for (PageText page : pages) {
            List<AddressedToAssistants.Passage> passages = AddressedToAssistants.find(page.text());
            if (!passages.isEmpty()) {
                flagged.add(page.pageNo());
                pageFlags.add(new IngestionFlag(page.pageNo(), Kind.ADDRESSED_TO_ASSISTANTS,
                        UserMessages.addressedToAssistants(List.of(page.pageNo())), Optional.of(String.join(" … ",
                        passages.stream().map(p -> p.text().replaceAll("\\s+", " ")).toList()))));
            }
        }
        return flagged;
    }

    void attachments(Attachments.Found found) {
        attachmentFlags.addAll(found.flags());
        int count = found.readNames().size() + found.listedNames().size();
        if (count == 0) {
            return;
        }
        String sentence = "It has " + count + (count == 1 ? " attachment" : " attachments");
        List<String> parts = new ArrayList<>();
        if (!found.readNames().isEmpty()) {
            parts.add(names(found.readNames()) + " read as part of it");
        }
        if (!found.listedNames().isEmpty()) {
            parts.add(names(found.listedNames()) + " listed only");
        }
        attachmentSentences.add(sentence + ": " + String.join("; ", parts) + ".");
    }

    private static String names(List<String> names) {
        List<String> shown = names.stream().limit(10).map(n -> "\"" + n + "\"").toList();
        return String.join(", ", shown) + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }

    void copyingRestricted() {
        copyingRestricted = true;
    }

    void damage(boolean truncated, boolean brokenXref) {
        this.truncated = truncated;
        this.brokenXref = brokenXref;
    }

    /**
     * The verdict: no page with text fails with the likeliest reason (damage, garbled text,
     * outlines, hidden text, scan, blank); otherwise the text with the flags and warnings.
     */
    PdfExtractor.Result verdict(List<PageText> pages) {
        return verdict(pages, java.util.Map.of());
    }

    /** The verdict, for pages of which those in {@code scans} were read by OCR. */
    PdfExtractor.Result verdict(List<PageText> pages, java.util.Map<Integer, ScanWords> scans) {
        if (pages.stream().noneMatch(PageText::hasText)) {
            // empty pages in a file that was cut short or would not parse mean damage, not a scan
            if (truncated || !unreadable.isEmpty()) {
                return new PdfExtractor.Result.Unreadable(UserMessages.DAMAGED_PDF);
            }
            if (!garbled.isEmpty()) {
                return new PdfExtractor.Result.Unreadable(UserMessages.GARBLED);
            }
            if (!outlined.isEmpty() && scanned.isEmpty()) {
                return new PdfExtractor.Result.Unreadable(UserMessages.OUTLINED);
            }
            if (!hiddenPages.isEmpty() && scanned.isEmpty()) {
                return new PdfExtractor.Result.Unreadable(UserMessages.ALL_HIDDEN);
            }
            if (scanned.isEmpty()) {
                return new PdfExtractor.Result.Unreadable(UserMessages.BLANK);
            }
            return new PdfExtractor.Result.Unreadable(ocrAdvice.map(UserMessages::scannedWithout)
                    .orElse(ocrRan ? UserMessages.SCANNED_NO_WORDS : UserMessages.SCANNED));
        }
        List<Integer> addressed = addressedToAssistants(pages);
        List<String> warnings = new ArrayList<>();
        List<IngestionFlag> flags = new ArrayList<>();
        if (truncated || brokenXref) {
            String sentence = truncated ? UserMessages.damaged(pages.size()) : UserMessages.brokenXref(pages.size());
            warnings.add(sentence);
            flags.add(new IngestionFlag(0, Kind.DAMAGED_FILE, sentence));
        }
        if (copyingRestricted) {
            warnings.add(UserMessages.COPYING_RESTRICTED);
            flags.add(new IngestionFlag(0, Kind.COPYING_RESTRICTED, UserMessages.COPYING_RESTRICTED));
        }
        if (!unreadable.isEmpty()) {
            warnings.add(UserMessages.unreadablePages(unreadable));
        }
        if (!scanned.isEmpty()) {
            warnings.add(UserMessages.pagesWithoutText(scanned));
        }
        if (!outlined.isEmpty()) {
            warnings.add(UserMessages.outlinedPages(outlined));
        }
        if (!garbled.isEmpty()) {
            warnings.add(UserMessages.garbledPages(garbled));
        }
        if (!scanned.isEmpty() || !outlined.isEmpty() || !garbled.isEmpty()) {
            int unread = scanned.size() + outlined.size() + garbled.size();
            ocrAdvice.map(how -> UserMessages.readThemWith(how, unread)).ifPresent(warnings::add);
        }
        if (!readByOcr.isEmpty()) {
            warnings.add(UserMessages.readByOcr(readByOcr));
        }
        if (!hiddenPages.isEmpty()) {
            warnings.add(UserMessages.hiddenText(hiddenPages, String.join(", ", hiddenWays), keptHidden));
        }
        if (!addressed.isEmpty()) {
            warnings.add(UserMessages.addressedToAssistants(addressed));
        }
        warnings.addAll(attachmentSentences);
        flags.addAll(pageFlags);
        flags.addAll(attachmentFlags);
        return new PdfExtractor.Result.Text(pages,
                warnings.isEmpty() ? Optional.empty() : Optional.of(UserMessages.join(warnings)), flags, scans);
    }
}
