package dev.ponder.testing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a prompt the way a model might: it sees a tag in any case, through invisible characters,
 * full-width and small-form brackets, HTML entities and Cyrillic letters that look Latin. Tests use
 * it to count the tags that open and close quoted text, whatever trick a document used to write one.
 * Written apart from Ponder's own quoting code on purpose, so a test does not check that code
 * against itself.
 */
public final class PromptTags {

    private static final Pattern ENTITY_LT = Pattern.compile("(?i)&(?:amp;)*(?:lt|#0*60|#x0*3c);?");
    private static final Pattern ENTITY_SLASH = Pattern.compile("(?i)&(?:amp;)*(?:sol|#0*47|#x0*2f);?");
    private static final Pattern ENTITY_GT = Pattern.compile("(?i)&(?:amp;)*(?:gt|#0*62|#x0*3e);?");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u034F\\uFE00-\\uFE0F]");
    private static final String[][] LOOK_ALIKES = {
        {"‹", "<"}, {"〈", "<"}, {"⟨", "<"}, {"❮", "<"}, {"˂", "<"}, {"⁄", "/"}, {"∕", "/"},
        {"ѕ", "s"}, {"о", "o"}, {"у", "y"}, {"р", "p"}, {"с", "c"}, {"е", "e"}, {"а", "a"}, {"і", "i"}, {"х", "x"},
        {"ο", "o"}, {"ν", "v"}, {"τ", "t"},
    };

    private PromptTags() {
    }

    /** One tag as read: where it starts in {@link #asRead(String)} and whether it closes. */
    public record Tag(int at, boolean closing) {
    }

    /** The prompt as a model may read it: the tricks above undone, lower-cased. */
    public static String asRead(String prompt) {
        String s = INVISIBLE.matcher(prompt).replaceAll("");
        s = ENTITY_LT.matcher(s).replaceAll("<");
        s = ENTITY_SLASH.matcher(s).replaceAll("/");
        s = ENTITY_GT.matcher(s).replaceAll(">");
        s = Normalizer.normalize(s, Normalizer.Form.NFKC);
        for (String[] pair : LOOK_ALIKES) {
            s = s.replace(pair[0], pair[1]);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Every tag named {@code name} in {@code prompt}, opening or closing, with or without a suffix
     * ({@code <source-7f3a…>} counts as {@code source}), in order.
     */
    public static List<Tag> tags(String prompt, String name) {
        Matcher m = Pattern.compile("<\\s*(/?)\\s*" + Pattern.quote(name.toLowerCase(Locale.ROOT)) + "(?![\\w])")
                .matcher(asRead(prompt));
        List<Tag> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Tag(m.start(), !m.group(1).isEmpty()));
        }
        return out;
    }

    /** Chat-template control tokens such as {@code <|eot_id|>} or {@code <|im_start|>}, as read. */
    public static int controlTokens(String prompt) {
        Matcher m = Pattern.compile("<\\s*/?\\s*\\|").matcher(asRead(prompt));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
