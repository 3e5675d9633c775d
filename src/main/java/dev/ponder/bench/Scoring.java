package dev.ponder.bench;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a model's answer is right: numeric match for GSM style (the number after {@code ####},
 * else the last number in the answer — the paper's grading), normalised containment for documents
 * (the expected phrase, lower-cased with punctuation and accents dropped, occurs in the answer).
 */
public final class Scoring {

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(\\.\\d+)?");

    private Scoring() {
    }

    /** Whether {@code response} answers {@code expected}; {@code numeric} selects the rule. */
    public static boolean correct(String response, String expected, boolean numeric) {
        return numeric ? numericMatch(response, expected) : contains(response, expected);
    }

    static boolean numericMatch(String response, String expected) {
        Optional<String> given = BenchDataset.finalNumber(response).or(() -> lastNumber(response));
        if (given.isEmpty()) {
            return false;
        }
        try {
            return new BigDecimal(given.get()).compareTo(new BigDecimal(expected.replace(",", "").strip())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group().replace(",", "");
        }
        return Optional.ofNullable(last);
    }

    static boolean contains(String response, String expected) {
        String e = normalise(expected);
        return !e.isBlank() && (" " + normalise(response) + " ").contains(" " + e + " ");
    }

    /** Lower case, accents and punctuation dropped, whitespace collapsed. */
    static String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        s = s.replaceAll("(?<=\\d),(?=\\d)", "");
        return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
