package dev.ponder.sleeptime;

import java.util.List;
import java.util.Locale;

/**
 * Recognises the full text of a standard licence printed in a document (a GNU FDL or GPL appendix,
 * Creative Commons legal code, the LPPL, the Apache licence) by the terms those licences define and
 * repeat. A section reads like a licence when those terms occur at least {@value #MIN_OCCURRENCES}
 * times in it; but a licence <em>notice</em> ("Permission is granted to make and distribute verbatim
 * copies…") reads like that too, and which licence applies is a fact a person may ask about. So only
 * a run of at least {@value #MIN_RUN} such sections in a row is licence text (the GNU FDL 1.3 is about
 * 25 sections; a notice one or two), and its first section, which names the licence, is read.
 * Only the English texts of the licences are known here, the ones manuals reprint; a translated
 * licence is read like any other text. Terms taken from the GNU FDL 1.3, GNU GPL 3, CC BY-SA 4.0
 * legal code, LPPL 1.3c and Apache 2.0 (Debian's {@code /usr/share/common-licenses}); thresholds set
 * on the GNU FDL 1.3 and the notice of latex2e-reference-fr.pdf, see {@code NotesTriageTest}.
 */
final class LicenceText {

    static final int MIN_OCCURRENCES = 6;
    static final int MIN_RUN = 4;

    /** Defined terms and fixed clauses of the standard licences, lower case. */
    static final List<String> TERMS = List.of(
            "invariant section", "cover text", "modified version", "secondary section", "transparent", "opaque",
            "corresponding source", "covered work", "licensed material", "adapted material", "licensed rights",
            "sui generis", "technological measures", "current maintainer", "derived work", "derivative work",
            "patent license", "merchantability", "fitness for a particular purpose", "without warranty",
            "this license", "the license", "license notice", "copyright notice", "verbatim cop", "sublicense",
            "royalty-free", "copyleft", "licensee", "licensor", "object code", "free software foundation",
            "title page", "endorsements", "publisher", "aggregate");

    private LicenceText() {
    }

    /** Whether {@code text} reads like a licence: a run of such sections is licence text. */
    static boolean readsLikeALicence(String text) {
        String flat = text.toLowerCase(Locale.ROOT).replaceAll("-\\s*\n\\s*", "").replaceAll("\\s+", " ");
        int n = 0;
        for (String term : TERMS) {
            for (int at = flat.indexOf(term); at >= 0; at = flat.indexOf(term, at + term.length())) {
                n++;
            }
        }
        return n >= MIN_OCCURRENCES;
    }
}
