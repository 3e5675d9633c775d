package dev.ponder.sleeptime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The learned context c′ as the model writes it (leniently read) and as {@code learned_contexts}
 * stores it: {@code {"summary", "key_facts":[{"fact","pages"}], "inferences":[{"inference","pages"}],
 * "timeline":[{"when","what","pages"}], "lists":[{"name","count","items":[{"text","pages"}]}]}}.
 */
final class LearnedContextJson {

    /** More than this many entries of one kind is the model rambling; the rest is dropped. */
    static final int MAX_ENTRIES = 60;

    private LearnedContextJson() {
    }

    /**
     * Reads a model's c′ (or digest) leniently ({@code facts} for {@code key_facts}, an entry as a
     * bare string, {@code page} for {@code pages}, repeated entries once); pages outside
     * 1..{@code pageCount} are dropped.
     *
     * @return empty when the answer has neither a summary nor any fact
     */
    static Optional<LearnedContext> readModel(JsonNode root, int pageCount) {
        return read(root, pageCount, MAX_ENTRIES);
    }

    private static Optional<LearnedContext> read(JsonNode root, int pageCount, int limit) {
        if (!root.isObject()) {
            return Optional.empty();
        }
        String summary = ModelJson.text(root, "summary");
        List<LearnedContext.Point> facts = points(ModelJson.field(root, "key_facts", "facts"), "fact", pageCount, limit);
        if (summary.isEmpty() && facts.isEmpty()) {
            return Optional.empty();
        }
        List<LearnedContext.TimelineEntry> timeline = new ArrayList<>();
        for (JsonNode e : ModelJson.items(ModelJson.field(root, "timeline"))) {
            if (e.isObject() && timeline.size() < limit) {
                String when = ModelJson.text(e, "when", "date");
                String what = ModelJson.text(e, "what", "event");
                if (!what.isEmpty()) {
                    timeline.add(new LearnedContext.TimelineEntry(when, what, pages(ModelJson.field(e, "pages", "page"),
                            pageCount)));
                }
            }
        }
        return Optional.of(new LearnedContext(summary, facts, points(ModelJson.field(root, "inferences"), "inference",
                pageCount, limit), timeline, List.of()));
    }

    private static List<LearnedContext.Point> points(JsonNode array, String field, int pageCount, int limit) {
        List<LearnedContext.Point> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonNode e : ModelJson.items(array)) {
            if (out.size() == limit) {
                break;
            }
            String text = e.isTextual() ? e.asText().strip() : ModelJson.text(e, field, "text");
            if (!text.isEmpty() && seen.add(text.toLowerCase(java.util.Locale.ROOT))) {
                out.add(new LearnedContext.Point(text, e.isObject() ? pages(ModelJson.field(e, "pages", "page"), pageCount)
                        : List.of()));
            }
        }
        return out;
    }

    private static List<Integer> pages(JsonNode node, int pageCount) {
        return ModelJson.pages(node).stream().filter(p -> p >= 1 && p <= pageCount).distinct().sorted().toList();
    }

    /** The stored form. */
    static String write(LearnedContext c) {
        ObjectNode o = ModelJson.JSON.createObjectNode();
        o.put("summary", c.summary());
        writePoints(o.putArray("key_facts"), c.keyFacts(), "fact");
        writePoints(o.putArray("inferences"), c.inferences(), "inference");
        ArrayNode timeline = o.putArray("timeline");
        for (LearnedContext.TimelineEntry e : c.timeline()) {
            ObjectNode n = timeline.addObject().put("when", e.when()).put("what", e.what());
            e.pages().forEach(n.putArray("pages")::add);
        }
        ArrayNode lists = o.putArray("lists");
        for (LearnedContext.GatheredList l : c.lists()) {
            ObjectNode n = lists.addObject().put("name", l.name()).put("count", l.count());
            writePoints(n.putArray("items"), l.items(), "text");
        }
        return o.toString();
    }

    private static void writePoints(ArrayNode array, List<LearnedContext.Point> points, String field) {
        for (LearnedContext.Point p : points) {
            ObjectNode n = array.addObject().put(field, p.text());
            p.pages().forEach(n.putArray("pages")::add);
        }
    }

    /** Reads the stored form. */
    static LearnedContext read(String stored) {
        JsonNode root;
        try {
            root = ModelJson.JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored learned context is not JSON", e);
        }
        LearnedContext c = read(root, Integer.MAX_VALUE, Integer.MAX_VALUE).orElse(new LearnedContext(
                ModelJson.text(root, "summary"), List.of(), List.of(), List.of(), List.of()));
        List<LearnedContext.GatheredList> lists = new ArrayList<>();
        root.path("lists").forEach(l -> lists.add(new LearnedContext.GatheredList(l.path("name").asText(""),
                points(l.get("items"), "text", Integer.MAX_VALUE, Integer.MAX_VALUE))));
        return c.withLists(lists);
    }
}
