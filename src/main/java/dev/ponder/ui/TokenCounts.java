package dev.ponder.ui;

import java.util.Locale;

/** Token counts and cost figures as the insights panel writes them. */
final class TokenCounts {

    private TokenCounts() {
    }

    /** Exactly, with grouping: 12400 → "12,400". */
    static String exact(long tokens) {
        return String.format(Locale.ROOT, "%,d", tokens);
    }

    /**
     * Short enough for a narrow panel: exact with grouping below 10,000 ("9,876"), then thousands
     * ("12.4k", "124k") and millions ("1.2M"), rounded half up.
     */
    static String compact(double tokens) {
        double abs = Math.abs(tokens);
        if (abs < 10_000) {
            return exact(Math.round(tokens));
        }
        if (abs < 999_500) {
            return scaled(tokens / 1_000, "k");
        }
        return scaled(tokens / 1_000_000, "M");
    }

    private static String scaled(double value, String unit) {
        String digits = Math.abs(value) < 100
                ? String.format(Locale.ROOT, "%.1f", value).replaceAll("\\.0$", "")
                : String.format(Locale.ROOT, "%.0f", value);
        return digits + unit;
    }

    /** A factor such as w or a cost ratio: "10×", "2.4×". */
    static String times(double factor) {
        return String.format(Locale.ROOT, "%.1f", factor).replaceAll("\\.0$", "") + "×";
    }
}
