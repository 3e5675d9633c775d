package dev.ponder.document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the words of a page as Ponder reads it with the words pdftotext (poppler-utils) reads,
 * for {@link TextFidelityTest}.
 *
 * <p>A word is a run of letters, digits and combining marks, lower-cased, in NFC with the Latin
 * ligatures U+FB00–FB06 spelled out (as Ponder stores text). Order does not count: columns,
 * sorting by position and form fields may put words elsewhere on the page. A word hyphenated at
 * the end of a line counts as one word on both sides: pdftotext joins it ("commencer"), Ponder keeps
 * the page's hyphen ("commen-" / "cer"), and no letter is lost either way.
 *
 * <p>A word is <b>broken</b> in Ponder when pdftotext's page has it, Ponder's has not, and Ponder's
 * has instead the same word with a run of one to three letters taken out of it ("erfindet" →
 * "erndet", "headlinetitlepageleft" → "headlinetitlepagele"): letters lost from a word pdftotext
 * read whole, as a ligature without a Unicode value is lost. Not broken: words that merely differ
 * (pdftotext's "naı̈ve" and Ponder's "näıve", where neither is right: reported as missing); letters
 * pdftotext made up from a symbol's character code where Ponder shows the symbol
 * ({@link #readAsSymbol}). Words Ponder keeps in two parts with all their letters are counted as
 * <b>split</b>: a hyphenated word whose halves have other text between them ({@link #hyphenatedApart}),
 * or a word cut by a space ({@link #besideEachOther}).
 */
final class WordFidelity {

    /** A word hyphenated at a line end ("commen-" / "cer"), which pdftotext joins and Ponder keeps as printed. */
    private static final Pattern LINE_END_HYPHEN = Pattern.compile("(\\p{L})[-\u00AD][ \t]*\n\\s*(\\p{L})");

    /**
     * Zero-width (non-)joiners, which Persian writes inside words ("می‌رانند") and pdftotext drops:
     * not a word break.
     */
    private static final Pattern JOINERS = Pattern.compile("[\u200C\u200D]");

    /** The longest run of letters a broken word may have lost. */
    static final int MAX_LOST = 3;

    /**
     * One page compared: the words only one reader has; Ponder's broken words ("erfindet → erndet");
     * and words Ponder keeps in two parts with every letter ("میرانند → می رانند").
     */
    record PageDiff(int page, Set<String> onlyPdftotext, Set<String> onlyPonder, Set<String> broken, Set<String> split) {
    }

    private WordFidelity() {
    }

    /** pdftotext's text of {@code pdf}, one entry a page (it ends each page with a form feed). */
    static List<String> pdftotextPages(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pdftotext failed on " + pdf);
        }
        List<String> pages = new ArrayList<>(List.of(out.split("\f", -1)));
        if (!pages.isEmpty() && pages.get(pages.size() - 1).isBlank()) {
            pages.remove(pages.size() - 1);
        }
        return pages;
    }

    /** Whether pdftotext is on the PATH. */
    static boolean pdftotextInstalled() {
        try {
            Process p = new ProcessBuilder("pdftotext", "-v").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** {@code text} as words are cut from it: normalised, hyphenated line ends joined, joiners out, lower case. */
    static String plain(String text) {
        String joined = LINE_END_HYPHEN.matcher(TextNormaliser.normalise(text)).replaceAll("$1$2");
        return JOINERS.matcher(Normalizer.normalize(joined, Normalizer.Form.NFC)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    static Set<String> words(String text) {
        String plain = plain(text);
        Set<String> words = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= plain.length(); ) {
            int c = i < plain.length() ? plain.codePointAt(i) : ' ';
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK) {
                word.appendCodePoint(c);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        }
        return words;
    }

    static PageDiff compare(int page, String pdftotext, String ponder) {
        Set<String> theirs = words(pdftotext);
        Set<String> ours = words(ponder);
        Set<String> onlyTheirs = new TreeSet<>(theirs);
        onlyTheirs.removeAll(ours);
        Set<String> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(theirs);
        String plain = plain(ponder);
        Set<String> broken = new TreeSet<>();
        Set<String> split = new TreeSet<>();
        for (String w : onlyTheirs) {
            onlyOurs.stream().filter(o -> lostARun(w, o) && !readAsSymbol(w, o, plain)).findFirst().ifPresent(o -> {
                if (hyphenatedApart(w, plain) || besideEachOther(w, o, plain)) {
                    split.add(w + " → " + o);
                } else {
                    broken.add(w + " → " + o);
                }
            });
        }
        return new PageDiff(page, onlyTheirs, onlyOurs, broken, split);
    }

    /**
     * Whether Ponder has the letters {@code whole} has more than {@code shorter} as a word of their
     * own right before or after {@code shorter}: the word is cut in two, no letter lost (a Persian
     * zero-width non-joiner read as a space, "می رانند"; a sub- or superscript set apart, "Ψ2 1").
     */
    static boolean besideEachOther(String whole, String shorter, String ponder) {
        int prefix = 0;
        while (prefix < shorter.length() && whole.charAt(prefix) == shorter.charAt(prefix)) {
            prefix++;
        }
        String lost = whole.substring(prefix, prefix + whole.length() - shorter.length());
        String word = "(?<![\\p{L}\\p{M}\\p{N}])%s(?![\\p{L}\\p{M}\\p{N}])";
        String gap = "[^\\p{L}\\p{M}\\p{N}]{1,3}";
        String before = String.format(word, Pattern.quote(lost)) + gap + String.format(word, Pattern.quote(shorter));
        String after = String.format(word, Pattern.quote(shorter)) + gap + String.format(word, Pattern.quote(lost));
        return Pattern.compile(before).matcher(ponder).find() || Pattern.compile(after).matcher(ponder).find();
    }

    /**
     * Whether Ponder shows a symbol where pdftotext read the letters {@code whole} has more than
     * {@code shorter}: a glyph without a Unicode value that pdftotext coerced into the letters of its
     * character code (Computer Modern's angle brackets as "h" and "i": pdftotext's "hwdi", Ponder's
     * "〈wd〉"). Then pdftotext misread, and Ponder lost nothing.
     */
    static boolean readAsSymbol(String whole, String shorter, String ponder) {
        boolean lostAtStart = whole.endsWith(shorter);
        boolean lostAtEnd = whole.startsWith(shorter);
        Matcher m = Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])" + Pattern.quote(shorter) + "(?![\\p{L}\\p{M}\\p{N}])")
                .matcher(ponder);
        while (m.find()) {
            if (lostAtStart && m.start() > 0 && isSymbol(ponder.codePointBefore(m.start()))) {
                return true;
            }
            if (lostAtEnd && m.end() < ponder.length() && isSymbol(ponder.codePointAt(m.end()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSymbol(int c) {
        return !Character.isWhitespace(c) && !Character.isLetterOrDigit(c) && c != '-' && c != '\u00AD';
    }

    /**
     * Whether Ponder has {@code whole} hyphenated, its first part ending with a hyphen and its rest
     * starting a line, with other text between them (a margin note drawn beside the first line):
     * every letter is there, in another order than pdftotext's.
     */
    static boolean hyphenatedApart(String whole, String ponder) {
        for (int i = 1; i < whole.length(); i++) {
            String head = "(?<![\\p{L}\\p{M}])" + Pattern.quote(whole.substring(0, i)) + "[-\u00AD]";
            String tail = "(?m)^\\s*" + Pattern.quote(whole.substring(i)) + "(?![\\p{L}\\p{M}])";
            if (Pattern.compile(head).matcher(ponder).find() && Pattern.compile(tail).matcher(ponder).find()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code shorter} is {@code whole} with one run of 1..{@value #MAX_LOST} characters taken out. */
    static boolean lostARun(String whole, String shorter) {
        int lost = whole.length() - shorter.length();
        if (lost < 1 || lost > MAX_LOST || shorter.length() < 2) {
            return false;
        }
        int prefix = 0;
        while (prefix < shorter.length() && whole.charAt(prefix) == shorter.charAt(prefix)) {
            prefix++;
        }
        return whole.substring(prefix + lost).equals(shorter.substring(prefix));
    }
}
