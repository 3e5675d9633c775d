package dev.ponder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a benchmark dataset in JSONL, one object a line, in either of two formats:
 * <ul>
 *   <li>multi-query: {@code {"id"?, "context", "queries": [{"question", "answer"}]}};</li>
 *   <li>GSM-Symbolic style: {@code {"question", "answer"}} with the answer ending in {@code #### N};
 *       the problem is split into a stateful context and a query by {@link #statefulSplit}.</li>
 * </ul>
 */
public final class BenchDataset {

    private static final Pattern FINAL_NUMBER = Pattern.compile("####\\s*(-?[\\d,]*\\.?\\d+)");
    /** A sentence ends at . ! or ? followed by space — not after these abbreviations. */
    private static final Pattern SENTENCE_END = Pattern.compile(
            "(?<!\\bMr|\\bMrs|\\bMs|\\bDr|\\bSt|\\bJr|\\bSr|\\bvs|\\be\\.g|\\bi\\.e)[.!?][\"”’)]*\\s+");

    private BenchDataset() {
    }

    /**
     * Reads {@code file}.
     *
     * @return the contexts in file order, each with at least one query
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException with a sentence naming the line when a line is not an entry of
     *                                  either format, or the file has none
     */
    public static List<BenchItem> read(Path file) throws IOException {
        List<BenchItem> items = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            BenchItem item = entry(line.node(), items.size() + 1, line.where());
            // GSM-Symbolic repeats a template's id over its instances: each context needs its own name
            String id = item.id();
            for (int n = 2; !seen.add(id); n++) {
                id = item.id() + "-" + n;
            }
            items.add(new BenchItem(id, item.context(), item.queries(), item.numeric()));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " has no dataset entries; give one JSON object a line.");
        }
        return items;
    }

    private static BenchItem entry(JsonNode node, int ordinal, String where) {
        String id = node.hasNonNull("id") ? node.get("id").asText() : "c" + ordinal;
        if (node.hasNonNull("id") && node.hasNonNull("instance")) {
            id += "-" + node.get("instance").asText();
        }
        if (node.hasNonNull("context") && node.path("queries").isArray()) {
            List<BenchItem.Query> queries = new ArrayList<>();
            for (JsonNode q : node.get("queries")) {
                if (!q.hasNonNull("question") || !q.hasNonNull("answer")) {
                    throw new IllegalArgumentException(where + " has a query without \"question\" and \"answer\".");
                }
                queries.add(new BenchItem.Query(q.get("question").asText(), q.get("answer").asText()));
            }
            if (queries.isEmpty()) {
                throw new IllegalArgumentException(where + " has a context with no queries.");
            }
            return new BenchItem(id, node.get("context").asText(), queries, false);
        }
        if (node.hasNonNull("question") && node.hasNonNull("answer")) {
            String answer = finalNumber(node.get("answer").asText()).orElseThrow(() -> new IllegalArgumentException(
                    where + " is GSM style but its answer does not end in \"#### N\"."));
            String[] split = statefulSplit(node.get("question").asText());
            return new BenchItem(id, split[0], List.of(new BenchItem.Query(split[1], answer)), true);
        }
        throw new IllegalArgumentException(where + " is neither {\"context\", \"queries\"} nor {\"question\", \"answer\"}.");
    }

    /**
     * Splits a GSM-Symbolic problem into a stateful context and a query the way Lin et al. 2025
     * (§3, Stateful GSM-Symbolic) do: the last sentence is the query, everything before it the context.
     *
     * @return {@code [context, query]}; the context is empty when the problem is one sentence
     */
    public static String[] statefulSplit(String problem) {
        String text = problem.strip();
        Matcher m = SENTENCE_END.matcher(text);
        int lastBoundary = -1;
        int queryStart = 0;
        while (m.find()) {
            if (m.end() < text.length()) {
                lastBoundary = m.start();
                queryStart = m.end();
            }
        }
        if (lastBoundary < 0) {
            return new String[] {"", text};
        }
        return new String[] {text.substring(0, queryStart).strip(), text.substring(queryStart).strip()};
    }

    /** The number after {@code ####} in a GSM answer, commas removed; empty when there is none. */
    public static java.util.Optional<String> finalNumber(String answer) {
        Matcher m = FINAL_NUMBER.matcher(answer);
        String found = null;
        while (m.find()) {
            found = m.group(1).replace(",", "");
        }
        return java.util.Optional.ofNullable(found);
    }
}
