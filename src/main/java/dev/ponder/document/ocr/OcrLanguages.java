package dev.ponder.document.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Tesseract's languages: which are installed, which Ponder reads with, and their names.
 *
 * <p>Tesseract names its languages by ISO 639-2/T codes ("eng", "deu", "fra"), which is what
 * {@link Locale#getISO3Language()} gives, except Chinese ("chi_sim", "chi_tra") and a few others
 * (tesseract-ocr/tessdata's list). Several are joined with "+" ("deu+eng"); Tesseract then tries each
 * for every word.
 */
public final class OcrLanguages {

    /** English: read besides the person's own language by default, and the last resort. */
    public static final String ENGLISH = "eng";
    /** Orientation and script detection data, not a language. */
    static final String OSD = "osd";
    private static final String SUFFIX = ".traineddata";

    private OcrLanguages() {
    }

    /** The languages whose data lies in {@code tessdata}, sorted; {@code osd} is left out. */
    public static List<String> installed(Path tessdata) {
        if (tessdata == null || !Files.isDirectory(tessdata)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tessdata)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                    .filter(n -> !n.isEmpty() && !n.equals(OSD))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Tesseract's code for the language of {@code locale}: "deu" for German, "chi_sim" for Chinese. */
    public static String code(Locale locale) {
        String language = locale.getLanguage();
        if (language.equals("zh")) {
            String script = locale.getScript();
            String country = locale.getCountry();
            boolean traditional = script.equals("Hant") || (script.isEmpty()
                    && (country.equals("TW") || country.equals("HK") || country.equals("MO")));
            return traditional ? "chi_tra" : "chi_sim";
        }
        if (language.equals("sr") && locale.getScript().equals("Latn")) {
            return "srp_latn";
        }
        try {
            String iso3 = locale.getISO3Language();
            return iso3.isEmpty() ? ENGLISH : iso3;
        } catch (MissingResourceException e) {
            return ENGLISH;
        }
    }

    /**
     * The languages to read with by default: the person's own ({@code uiLocale}) and English, those
     * of them that are installed, e.g. "deu+eng"; English alone when it is the person's language,
     * and the first installed language when neither is installed.
     *
     * @param installed the installed languages, never empty
     */
    public static String defaults(Locale uiLocale, List<String> installed) {
        Set<String> wanted = new LinkedHashSet<>(List.of(code(uiLocale), ENGLISH));
        wanted.retainAll(installed);
        if (wanted.isEmpty()) {
            return installed.get(0);
        }
        return String.join("+", wanted);
    }

    /**
     * The languages to read with: {@code chosen} ("deu+fra", or a list with commas or spaces) when
     * set, else {@link #defaults}; languages that are not installed are left out, and when none is
     * left the defaults are used.
     */
    public static String effective(String chosen, Locale uiLocale, List<String> installed) {
        List<String> usable = new ArrayList<>();
        for (String code : parse(chosen)) {
            if (installed.contains(code) && !usable.contains(code)) {
                usable.add(code);
            }
        }
        return usable.isEmpty() ? defaults(uiLocale, installed) : String.join("+", usable);
    }

    /** The language codes written in {@code chosen}: separated by "+", commas or spaces; empty for null. */
    public static List<String> parse(String chosen) {
        if (chosen == null || chosen.isBlank()) {
            return List.of();
        }
        return Stream.of(chosen.strip().split("[+,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The languages of {@code chosen} that are not installed, in the order written. */
    public static List<String> missing(String chosen, List<String> installed) {
        return parse(chosen).stream().filter(c -> !installed.contains(c)).distinct().toList();
    }

    /** The English name of a Tesseract language code ("deu" → "German"), or the code itself. */
    public static String name(String code) {
        String base = code.contains("_") ? code.substring(0, code.indexOf('_')) : code;
        if (base.equals("chi")) {
            return code.endsWith("tra") ? "Chinese (Traditional)" : "Chinese (Simplified)";
        }
        for (String iso2 : Locale.getISOLanguages()) {
            Locale l = Locale.forLanguageTag(iso2);
            try {
                if (l.getISO3Language().equals(base)) {
                    return l.getDisplayLanguage(Locale.ENGLISH);
                }
            } catch (MissingResourceException e) {
                // a language without a three-letter code: not this one
            }
        }
        return code;
    }
}
