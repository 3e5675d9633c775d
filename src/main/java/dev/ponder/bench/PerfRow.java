package dev.ponder.bench;

import java.util.List;
import java.util.Locale;

/**
 * One figure of {@code ponder bench perf}, as printed: every field is already text ("–" when it
 * does not apply).
 *
 * @param figure    what was measured, e.g. {@code time to first token under sleep-time, p50}
 * @param value     the number measured, or why there is none (e.g. {@code not installed})
 * @param unit      e.g. {@code ms}, {@code pages/s}, {@code MB}
 * @param reference the figure it is compared with, with its unit, measured in the same run
 * @param ratio     value ÷ reference, e.g. {@code 0.62×}
 * @param target    the target from DESIGN.md or issue 7, e.g. {@code ≤ 200 ms}
 */
public record PerfRow(String figure, String value, String unit, String reference, String ratio, String target) {

    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("figure", "value", "unit", "reference", "ratio", "target", "met");

    static final String NONE = "–";
    /** The value of a figure that could not be measured (the figure says why). */
    static final String FAILED = "failed";

    /** A figure with no measurement: value {@value #FAILED}, {@code figure} saying why; never a number. */
    static PerfRow failed(String figure, String unit, String target) {
        return new PerfRow(figure, FAILED, unit, NONE, NONE, target);
    }

    List<String> cells() {
        return List.of(figure, value, unit, reference, ratio, target, met());
    }

    /**
     * Whether the figure meets its target: "yes", "no", or "–" when there is no target or no number
     * to hold against it. A target in × is held against the ratio, any other against the value.
     */
    String met() {
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("([≤≥])\\s*([0-9.]+)\\s*(×|\\S+)").matcher(target);
        if (!t.matches()) {
            return NONE;
        }
        String measured = "×".equals(t.group(3)) ? ratio.replace("×", "") : value;
        double x;
        try {
            x = Double.parseDouble(measured);
        } catch (NumberFormatException e) {
            return NONE;
        }
        double bound = Double.parseDouble(t.group(2));
        boolean ok = "≤".equals(t.group(1)) ? x <= bound : x >= bound;
        return ok ? "yes" : "no";
    }

    /**
     * A number in the root locale: two decimals below 1 (OCR reads a fraction of a page a second),
     * one below 100, none above.
     */
    static String number(double x) {
        double a = Math.abs(x);
        return String.format(Locale.ROOT, a < 1 ? "%.2f" : a < 100 ? "%.1f" : "%.0f", x);
    }

    /** {@code value ÷ reference} as {@code 0.62×}. */
    static String ratio(double value, double reference) {
        return reference <= 0 ? NONE : String.format(Locale.ROOT, "%.2f×", value / reference);
    }
}
