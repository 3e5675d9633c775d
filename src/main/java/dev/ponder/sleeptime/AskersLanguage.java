package dev.ponder.sleeptime;

import dev.ponder.search.LanguageDetection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The language sleep-time writes c′ and the anticipated questions in: the language the person asks
 * in (issue 15). That is the language most of their recent questions were written in, when at least
 * {@value #MIN_DETECTED} of them could be told and one language has more than half of those;
 * otherwise the window's language, English (Ponder's window is in English only).
 * <p>
 * A question's language is told by {@link LanguageDetection#ofText}; a question too short to tell
 * ("p. 3?") does not count.
 */
final class AskersLanguage {

    /** The window's language, ISO 639-1: what sleep-time writes in until the questions say otherwise. */
    static final String WINDOW = "en";
    /** Recent questions read to tell the asker's language. */
    static final int RECENT_QUESTIONS = 20;
    /** Questions whose language must be told before they outweigh the window's language. */
    static final int MIN_DETECTED = 3;

    private AskersLanguage() {
    }

    /**
     * The asker's language, ISO 639-1 ({@code "en"}, {@code "zh"}).
     *
     * @param recentQuestions the person's latest questions, newest first; only the first
     *                        {@value #RECENT_QUESTIONS} are read
     */
    static String of(List<String> recentQuestions) {
        Map<String, Integer> counts = new HashMap<>();
        int detected = 0;
        for (String q : recentQuestions.subList(0, Math.min(RECENT_QUESTIONS, recentQuestions.size()))) {
            Optional<String> language = LanguageDetection.ofText(q);
            if (language.isPresent()) {
                counts.merge(language.get(), 1, Integer::sum);
                detected++;
            }
        }
        if (detected < MIN_DETECTED) {
            return WINDOW;
        }
        int needed = detected / 2 + 1;
        return counts.entrySet().stream().filter(e -> e.getValue() >= needed).map(Map.Entry::getKey)
                .findFirst().orElse(WINDOW);
    }

    /**
     * The asker's language from {@code recentQuestions} (newest first), told again only when they
     * have changed since the last call (a plan is made for every document at every idle check).
     */
    static Supplier<String> following(Supplier<List<String>> recentQuestions) {
        return new Supplier<>() {
            private List<String> seen;
            private String language;

            @Override
            public synchronized String get() {
                List<String> now = recentQuestions.get();
                if (!now.equals(seen)) {
                    seen = List.copyOf(now);
                    language = of(now);
                }
                return language;
            }
        };
    }

    /**
     * The prompt's rule for writing {@code what} in {@code language}: "Write the questions and answers
     * in English. When the document is in another language, translate, and keep its own terms …".
     */
    static String rule(String what, String language) {
        return "Write " + what + " in " + LanguageDetection.englishName(language) + ". When the document is in another language, translate, "
                + "and keep its own terms (names, titles, commands, technical terms) in the original, in parentheses "
                + "after the translation: Basic Law (Grundgesetz).";
    }
}
