package dev.ponder.llm;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in text quoted into a prompt, every way of writing a tag a model could act on — a
 * quotation tag of Ponder's, a role tag, a chat template's control token — and breaks its opening
 * bracket. A model reads {@code </SOURCE>}, {@code ＜/source＞}, {@code <\u200D/source>},
 * {@code &lt;/source&gt;} and {@code </ѕоurсе>} (Cyrillic letters) alike, so the text is read the
 * same way first: HTML entities decoded (also escaped twice), invisible format characters dropped,
 * compatibility forms folded (NFKC: full-width and small-form brackets), look-alike brackets,
 * slashes and bars mapped to ASCII, Cyrillic and Greek letters that look Latin mapped to them,
 * everything lower-cased. Each character of that reading remembers the stretch of the original it
 * came from, so only the bracket (or the entity or look-alike that wrote it) is replaced, by
 * {@code (}. Tags a document may hold for its own sake ({@code <div>}, {@code <dependency>}) are left
 * as they are.
 */
final class TagLookAlikes {

    /** What a neutralised bracket becomes: nothing a model or this class reads as opening a tag. */
    static final String BROKEN_BRACKET = "(";

    /**
     * Tag names that must not open or close inside quoted text: Ponder's quotation tags, chat roles,
     * and the control tokens of common chat templates written as tags (Gemma's
     * {@code <start_of_turn>}, {@code <eos>}, reasoning models' {@code <think>}). Every
     * {@code <|…|>} token (Llama 3, ChatML, Phi) is broken whatever its name.
     */
    static final Set<String> NAMES = Set.of("source", "document_text", "notes", "lists", "learned_context",
            "broken_output", "system", "user", "assistant", "human", "tool", "developer", "model", "instruction",
            "instructions", "inst", "sys", "prompt", "context", "s", "eos", "bos", "pad", "unk", "think", "thinking",
            "start_of_turn", "end_of_turn", "endoftext", "im_start", "im_end", "eot_id", "start_header_id",
            "end_header_id", "turn");
    /** Mistral's control tokens, written in square brackets: {@code [INST]}, {@code [/INST]}, … */
    static final Set<String> BRACKETED = Set.of("inst", "system_prompt", "tool_calls", "tool_results",
            "available_tools");

    private static final Pattern ENTITY = Pattern.compile(
            "&(?:amp;)*(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));?");
    private static final Map<String, Integer> NAMED_ENTITIES = Map.ofEntries(Map.entry("lt", (int) '<'),
            Map.entry("gt", (int) '>'), Map.entry("sol", (int) '/'), Map.entry("verbar", (int) '|'),
            Map.entry("vert", (int) '|'), Map.entry("lsaquo", (int) '<'), Map.entry("lang", (int) '<'),
            Map.entry("langle", (int) '<'), Map.entry("lsqb", (int) '['), Map.entry("lbrack", (int) '['),
            Map.entry("quot", (int) '"'));
    /** Pairs of (look-alike, what a model takes it for), applied after NFKC and lower-casing. */
    private static final String LOOK_ALIKES = "‹<〈<⟨<❮<❬<˂<ᐸ<⧼<⁄/∕/⧸/╱/ǀ|∣|│|❘|"
            + "аaеeоoрpсcуyхxѕsіiјjԁdɡgοoαaνvιiκkρpτtυuεe";

    private TagLookAlikes() {
    }

    /**
     * The text as a model may read it, and for each of its chars the stretch {@code [from, to)} of
     * the original it came from.
     */
    record Reading(String text, int[] from, int[] to) {
    }

    /** {@code text} with the opening bracket of every tag in {@link #NAMES} or {@link #BRACKETED} broken. */
    static String neutralise(String text) {
        Reading r = read(text);
        String s = r.text();
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (r.from()[j] >= at && ((c == '<' && opensTag(s, j + 1)) || (c == '[' && opensBracketedToken(s, j + 1)))) {
                out.append(text, at, r.from()[j]).append(BROKEN_BRACKET);
                at = r.to()[j];
            }
        }
        return at == 0 ? text : out.append(text, at, text.length()).toString();
    }

    /**
     * {@code text} with every character that reads as one of {@code from}'s (a look-alike or an
     * entity included) replaced by the character at the same index of {@code to}.
     */
    static String replaceAsRead(String text, String from, String to) {
        Reading r = read(text);
        String s = r.text();
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int j = 0; j < s.length(); j++) {
            int k = from.indexOf(s.charAt(j));
            if (k >= 0 && r.from()[j] >= at) {
                out.append(text, at, r.from()[j]).append(to.charAt(k));
                at = r.to()[j];
            }
        }
        return out.append(text, at, text.length()).toString();
    }

    /** The text as a model may read it (see the class comment), lower-cased. */
    static String asRead(String text) {
        return read(text).text();
    }

    static Reading read(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int[] from = new int[text.length() * 2 + 8];
        int[] to = new int[from.length];
        Matcher entity = ENTITY.matcher(text);
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            if (cp == '&' && entity.region(i, text.length()).lookingAt() && decode(entity) >= 0) {
                cp = decode(entity);
                end = entity.end();
            }
            if (!ignorable(cp)) {
                for (char c : fold(cp).toCharArray()) {
                    if (sb.length() == from.length) {
                        from = java.util.Arrays.copyOf(from, from.length * 2);
                        to = java.util.Arrays.copyOf(to, to.length * 2);
                    }
                    from[sb.length()] = i;
                    to[sb.length()] = end;
                    sb.append(c);
                }
            }
            i = end;
        }
        return new Reading(sb.toString(), from, to);
    }

    /** Whether a tag in {@link #NAMES}, or a {@code |} control token, starts at {@code j} (just after {@code <}). */
    private static boolean opensTag(String s, int j) {
        j = skipSpaces(s, j);
        if (j < s.length() && s.charAt(j) == '/') {
            j = skipSpaces(s, j + 1);
        }
        if (j < s.length() && s.charAt(j) == '|') {
            return true;
        }
        return NAMES.contains(name(s, j));
    }

    private static boolean opensBracketedToken(String s, int j) {
        j = skipSpaces(s, j);
        if (j < s.length() && s.charAt(j) == '/') {
            j = skipSpaces(s, j + 1);
        }
        String name = name(s, j);
        int after = skipSpaces(s, j + name.length());
        return BRACKETED.contains(name) && after < s.length() && s.charAt(after) == ']';
    }

    private static String name(String s, int j) {
        int k = j;
        while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
            k++;
        }
        return s.substring(j, k);
    }

    private static int skipSpaces(String s, int j) {
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
            j++;
        }
        return j;
    }

    /** The code point an entity stands for, or −1 for an entity this class does not know. */
    private static int decode(Matcher entity) {
        try {
            if (entity.group(1) != null) {
                return valid(Integer.parseInt(entity.group(1)));
            }
            if (entity.group(2) != null) {
                return valid(Integer.parseInt(entity.group(2), 16));
            }
        } catch (NumberFormatException e) {
            return -1;
        }
        return NAMED_ENTITIES.getOrDefault(entity.group(3).toLowerCase(Locale.ROOT), -1);
    }

    private static int valid(int cp) {
        return Character.isValidCodePoint(cp) ? cp : -1;
    }

    /**
     * Characters a model does not see: format characters (zero-width space and joiners, bidi
     * controls, soft hyphen, word joiner, BOM), variation selectors, the combining grapheme joiner,
     * Hangul fillers, and control characters other than line breaks and tabs.
     */
    private static boolean ignorable(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT
                || (type == Character.CONTROL && cp != '\n' && cp != '\r' && cp != '\t')
                || cp == 0x034F || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x180B && cp <= 0x180D) || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
    }

    private static String fold(int cp) {
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int k = 0; k < nfkc.length(); k++) {
            char c = nfkc.charAt(k);
            int look = LOOK_ALIKES.indexOf(c);
            out.append(look >= 0 && look % 2 == 0 ? LOOK_ALIKES.charAt(look + 1) : c);
        }
        return out.toString();
    }
}
