package dev.ponder.sleeptime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON a small model wrote, forgiving what such models commonly add: a Markdown code
 * fence, a sentence before or after the object, trailing commas, single quotes. Anything else is
 * invalid and goes to one repair call.
 */
final class ModelJson {

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();
    /** A page number or a range of pages, e.g. {@code 4} or {@code 3-5}. */
    private static final Pattern PAGE_NUMBER = Pattern.compile("(\\d{1,6})(?:\\s*[-–]\\s*(\\d{1,6}))?");
    /** A range wider than this is taken as its two ends only. */
    private static final int MAX_RANGE = 20;
    /** Reasoning some models write into the answer itself rather than Ollama's thinking field. */
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");

    private ModelJson() {
    }

    /** The JSON object or array in {@code text}, or empty when there is none. */
    static Optional<JsonNode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = THINKING.matcher(text).replaceAll("").strip();
        int start = firstOf(t, '{', '[');
        if (start < 0) {
            return Optional.empty();
        }
        char open = t.charAt(start);
        int end = t.lastIndexOf(open == '{' ? '}' : ']');
        if (end <= start) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(t.substring(start, end + 1));
            return node != null && (node.isObject() || node.isArray()) ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    /** A text field, stripped; empty string when missing or not text. */
    static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? "" : n.asText("").strip();
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
}
