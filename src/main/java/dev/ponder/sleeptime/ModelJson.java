package dev.ponder.sleeptime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON a small model wrote, forgiving what such models commonly write: prose before or
 * after the JSON, a Markdown code fence, a {@code <think>} block, trailing commas, single quotes,
 * unquoted names, raw line breaks inside strings, comments, {@code +1} or {@code 007}. The JSON is
 * found by letting Jackson's lenient parser ({@link JsonReadFeature}s) read one value from each
 * <code>{</code> or <code>[</code> in turn; whatever follows the value is ignored. The helpers below read
 * fields the way models name them ({@code page} or {@code pages}, any case) and values the way
 * models write them (a page as a number, a string, a list or a range).
 */
final class ModelJson {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();
    /** A page number or a range of pages, e.g. {@code 4} or {@code 3-5}. */
    private static final Pattern PAGE_NUMBER = Pattern.compile("(\\d{1,6})(?:\\s*[-–]\\s*(\\d{1,6}))?");
    /** A range wider than this is taken as its two ends only. */
    private static final int MAX_RANGE = 20;
    /** Reasoning some models write into the answer itself rather than into the thinking field. */
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    /** Starting points tried before giving up on a long answer of prose. */
    private static final int MAX_STARTS = 50;

    private ModelJson() {
    }

    /**
     * The JSON object (preferred) or array in {@code text}: the first object of
     * {@link #candidates(String)}, else its first non-empty array; empty when there is none.
     */
    static Optional<JsonNode> parse(String text) {
        List<JsonNode> all = candidates(text);
        return all.stream().filter(JsonNode::isObject).findFirst()
                .or(() -> all.stream().filter(n -> n.isArray() && !n.isEmpty()).findFirst());
    }

    /**
     * The first value {@code reader} accepts among the JSON values in {@code text}, else among those
     * in {@code thinking} (a thinking model that answered in its thinking field): when there are
     * several objects side by side (the complete items of an answer that broke off) first all of
     * them as one array, then objects before arrays, each in the order written.
     */
    static <T> Optional<T> read(String text, String thinking, Function<JsonNode, Optional<T>> reader) {
        for (String source : List.of(text == null ? "" : text, thinking == null ? "" : thinking)) {
            List<JsonNode> all = candidates(source);
            List<JsonNode> objects = all.stream().filter(JsonNode::isObject).toList();
            if (objects.size() > 1) {
                Optional<T> together = reader.apply(JSON.createArrayNode().addAll(objects));
                if (together.isPresent()) {
                    return together;
                }
            }
            for (boolean wantObjects : new boolean[] {true, false}) {
                for (JsonNode n : all) {
                    if (n.isObject() == wantObjects) {
                        Optional<T> value = reader.apply(n);
                        if (value.isPresent()) {
                            return value;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The JSON objects and arrays Jackson reads from {@code text}, in order: one value from each
     * <code>{</code> or <code>[</code> that is not inside a value read already. A value that does not parse
     * (cut off, or prose in brackets) is skipped, so complete values inside it are still found.
     */
    static List<JsonNode> candidates(String text) {
        List<JsonNode> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String t = THINKING.matcher(text).replaceAll("");
        int tried = 0;
        for (int i = 0; i < t.length() && tried < MAX_STARTS; i++) {
            char c = t.charAt(i);
            if (c != '{' && c != '[') {
                continue;
            }
            tried++;
            try (JsonParser parser = JSON.createParser(t.substring(i))) {
                JsonNode node = JSON.readTree(parser);
                if (node != null && node.isContainerNode()) {
                    out.add(node);
                    i += Math.max(0, (int) parser.currentLocation().getCharOffset() - 1);
                }
            } catch (IOException | RuntimeException e) {
                // not JSON from here: try the next bracket
            }
        }
        return out;
    }

    /**
     * The first field of {@code node} named any of {@code names}, compared without case, {@code _},
     * {@code -} or spaces ({@code "Key Facts"} is {@code key_facts}); null when none.
     */
    static JsonNode field(JsonNode node, String... names) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode exact = node.get(name);
            if (exact != null && !exact.isNull()) {
                return exact;
            }
        }
        for (String name : names) {
            String wanted = simple(name);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (simple(e.getKey()).equals(wanted) && !e.getValue().isNull()) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static String simple(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    }

    /** A text field, stripped: a string, a number as written, or a list of strings joined; "" otherwise. */
    static String text(JsonNode node, String... names) {
        return text(field(node, names));
    }

    /** {@code value} as text, like {@link #text(JsonNode, String...)}. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isObject()) {
            return "";
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> {
                if (v.isValueNode()) {
                    parts.add(v.asText("").strip());
                }
            });
            return String.join(" ", parts).strip();
        }
        return value.asText("").strip();
    }

    /**
     * The items of a list field: the array itself, a single object or string as a list of one, or
     * an empty list.
     */
    static List<JsonNode> items(JsonNode value) {
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(out::add);
        } else if (value.isObject() || (value.isTextual() && !value.asText().isBlank())) {
            out.add(value);
        }
        return out;
    }

    /**
     * Page numbers however a small model wrote them: {@code [3, 4]}, {@code 3}, {@code "p. 3"},
     * {@code "3-5"} (3, 4 and 5), {@code ["3", "4"]}.
     */
    static List<Integer> pages(JsonNode node) {
        List<Integer> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.addAll(pages(n)));
        } else if (node.isNumber()) {
            out.add(node.asInt());
        } else {
            Matcher m = PAGE_NUMBER.matcher(node.asText(""));
            while (m.find() && out.size() < 50) {
                int from = Integer.parseInt(m.group(1));
                int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                if (to >= from && to - from <= MAX_RANGE) {
                    for (int p = from; p <= to; p++) {
                        out.add(p);
                    }
                } else {
                    out.add(from);
                    out.add(to);
                }
            }
        }
        return out;
    }

    /** The pages of an entry, from {@code pages} or {@code page}. */
    static List<Integer> pagesOf(JsonNode entry) {
        return pages(field(entry, "pages", "page"));
    }
}
