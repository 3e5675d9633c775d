package dev.ponder.search;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which language a text is in, as an ISO 639-1 code ({@code "fr"}, {@code "zh"}).
 *
 * <p>Two steps. First the writing system, from the JDK's Unicode script of each letter: text mostly
 * in Han, kana or Hangul is Chinese, Japanese or Korean (kana means Japanese, Hangul Korean). The
 * n-gram detector mistakes a Chinese manual full of English commands for English, and short CJK
 * questions for Vietnamese or Korean (measured on the shared corpus), while the script settles them.
 * Otherwise the optimaize language detector (n-gram profiles of 70 languages; Shuyo's
 * language-detection algorithm) decides, and is trusted only above {@value #MIN_PROBABILITY}.
 * Its profiles take a few seconds to load: once per process, at first use or {@link #warmUp()}; a
 * document's detection waits for them, a question's does not.
 */
public final class LanguageDetection {

    /** Probability below which the n-gram detector's guess is not taken. */
    static final double MIN_PROBABILITY = 0.9;
    /** Characters of a document read to tell its language: enough for the detector, quick to read. */
    static final int DOCUMENT_SAMPLE_CHARS = 20_000;

    private LanguageDetection() {
    }

    private static final class Detector {
        static final LanguageDetector INSTANCE = load();

        private static LanguageDetector load() {
            try {
                LanguageDetector detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                        .withProfiles(new LanguageProfileReader().readAllBuiltIn()).build();
                loaded = true;
                return detector;
            } catch (IOException e) {
                throw new UncheckedIOException("the language profiles could not be read", e);
            }
        }
    }

    private static volatile boolean loaded;

    /** Loads the detector's profiles now (a few seconds), so that the first import and question do not wait. */
    public static void warmUp() {
        Detector.INSTANCE.getClass();
    }

    /**
     * The language of a document, from a sample of its pages taken evenly through it (at most
     * {@value #DOCUMENT_SAMPLE_CHARS} characters); empty when it cannot be told (no text, or no
     * language clearly ahead).
     */
    public static Optional<String> ofDocument(List<String> pages) {
        StringBuilder sample = new StringBuilder();
        int chars = pages.stream().mapToInt(String::length).sum();
        int share = pages.isEmpty() ? 0 : Math.max(200, DOCUMENT_SAMPLE_CHARS / pages.size());
        int step = chars <= DOCUMENT_SAMPLE_CHARS ? 1 : Math.max(1, pages.size() / Math.max(1, DOCUMENT_SAMPLE_CHARS / share));
        for (int i = 0; i < pages.size() && sample.length() < DOCUMENT_SAMPLE_CHARS; i += step) {
            String page = pages.get(i);
            sample.append(page, 0, Math.min(page.length(), chars <= DOCUMENT_SAMPLE_CHARS ? page.length() : share))
                    .append('\n');
        }
        return detect(sample.toString(), CommonTextObjectFactories.forDetectingOnLargeText());
    }

    /**
     * The language of a question or another short text; empty when it cannot be told. Never waits
     * for the detector's profiles: until they are loaded (they start loading then), only the
     * writing system speaks, so a question is never held up.
     */
    public static Optional<String> ofText(String text) {
        if (!loaded) {
            Optional<String> byScript = Scripts.of(text).cjkLanguage();
            if (byScript.isEmpty()) {
                WARM_UP.execute(LanguageDetection::warmUp);
            }
            return byScript;
        }
        return detect(text, CommonTextObjectFactories.forDetectingShortCleanText());
    }

    /**
     * A language's English name, as a prompt names it: {@code "zh"} → "Chinese"; the code itself when
     * Java has no name for it.
     *
     * @param code an ISO 639-1 code, as {@link #ofText} and {@link #ofDocument} give
     */
    public static String englishName(String code) {
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? code : name;
    }

    private static final java.util.concurrent.Executor WARM_UP = command -> {
        Thread t = new Thread(command, "ponder-language-profiles");
        t.setDaemon(true);
        t.start();
    };

    private static Optional<String> detect(String text, TextObjectFactory texts) {
        Optional<String> byScript = Scripts.of(text).cjkLanguage();
        if (byScript.isPresent()) {
            return byScript;
        }
        List<DetectedLanguage> guesses = Detector.INSTANCE.getProbabilities(texts.forText(text));
        if (guesses.isEmpty() || guesses.get(0).getProbability() < MIN_PROBABILITY) {
            return Optional.empty();
        }
        // "zh-CN" → "zh"; the detector names languages by ISO 639-1 code otherwise
        return Optional.of(guesses.get(0).getLocale().getLanguage().toLowerCase(Locale.ROOT));
    }

    /** Letters counted by writing system. */
    record Scripts(int han, int kana, int hangul, int other) {

        static Scripts of(String text) {
            int han = 0;
            int kana = 0;
            int hangul = 0;
            int other = 0;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                if (!Character.isLetter(c)) {
                    continue;
                }
                switch (Character.UnicodeScript.of(c)) {
                    case HAN -> han++;
                    case HIRAGANA, KATAKANA -> kana++;
                    case HANGUL -> hangul++;
                    default -> other++;
                }
            }
            return new Scripts(han, kana, hangul, other);
        }

        /**
         * Chinese, Japanese or Korean when most words are written in their scripts: a CJK character
         * counts as a word, an alphabetic word has about five letters.
         */
        Optional<String> cjkLanguage() {
            int cjk = han + kana + hangul;
            if (cjk == 0 || cjk * 5 < other) {
                return Optional.empty();
            }
            if (hangul * 2 >= cjk) {
                return Optional.of("ko");
            }
            return Optional.of(kana * 10 >= cjk ? "ja" : "zh");
        }
    }
}
