package dev.ponder.sleeptime;

import java.util.List;
import java.util.Locale;

/**
 * Recognises the full text of a standard licence printed in a document (a GNU FDL or GPL appendix,
 * Creative Commons legal code, the LPPL, the Apache licence): terms those licences define, which
 * other text does not use together. A section is licence text when it uses at least
 * {@value #MIN_TERMS} of {@link #TERMS}. Only the English texts of the licences are known here, the
 * ones manuals reprint; a translated licence is read like any other text. A short licence notice
 * ("Permission is granted to make and distribute verbatim copies…", a Creative Commons notice on a
 * title slide) holds one or two of the terms and is kept: which licence applies is a fact a person
 * may ask about. Terms taken from the GNU FDL 1.3, GNU GPL 3, CC BY-SA 4.0 legal code, LPPL 1.3c and
 * Apache 2.0 (Debian's {@code /usr/share/common-licenses}).
 */
final class LicenceText {

    static final int MIN_TERMS = 3;

    /** Defined terms and fixed clauses of the standard licences, lower case. */
    static final List<String> TERMS = List.of(
            "invariant sections", "cover texts", "modified version", "secondary section", "transparent copy",
            "opaque copy", "corresponding source", "covered work", "licensed material", "adapted material",
            "licensed rights", "sui generis database rights", "effective technological measures",
            "current maintainer", "derived work", "derivative works", "grant of patent license", "merchantability",
            "fitness for a particular purpose", "without warranty", "this license", "verbatim copies", "sublicense",
            "royalty-free", "copyleft", "licensee", "licensor", "object code", "free software foundation");

    private LicenceText() {
    }

    static boolean isLicenceText(String text) {
        String flat = text.toLowerCase(Locale.ROOT).replaceAll("-\\s*\n\\s*", "").replaceAll("\\s+", " ");
        return TERMS.stream().filter(flat::contains).count() >= MIN_TERMS;
    }
}
