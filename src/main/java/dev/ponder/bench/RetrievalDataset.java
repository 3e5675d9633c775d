package dev.ponder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a retrieval dataset: JSONL, one {@code {"file", "question", "fact"}} a line, with an optional
 * {@code "lang"} (the question's language, ISO 639-1) and {@code "page"} (1-based page of the fact).
 */
public final class RetrievalDataset {

    private RetrievalDataset() {
    }

    /**
     * @return the questions in file order
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException with a sentence naming the line when a line lacks a field or is
     *                                  not JSON, or the file has no questions
     */
    public static List<RetrievalQuestion> read(Path file) throws IOException {
        List<RetrievalQuestion> out = new ArrayList<>();
        for (JsonLines.Line line : JsonLines.read(file)) {
            JsonNode node = line.node();
            String where = line.where();
            for (String field : List.of("file", "question", "fact")) {
                if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
                    throw new IllegalArgumentException(where + " has no \"" + field + "\"; each line needs "
                            + "{\"file\", \"question\", \"fact\"}.");
                }
            }
            out.add(new RetrievalQuestion(node.get("file").asText().strip(), node.get("question").asText().strip(),
                    node.get("fact").asText(),
                    node.hasNonNull("lang") ? Optional.of(node.get("lang").asText().strip().toLowerCase(Locale.ROOT))
                            : Optional.empty(),
                    node.hasNonNull("page") ? OptionalInt.of(node.get("page").asInt()) : OptionalInt.empty()));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " has no questions; give one "
                    + "{\"file\", \"question\", \"fact\"} a line.");
        }
        return out;
    }

    /**
     * Text as facts are compared: NFC, every run of white space one space, lower case. A fact broken
     * over two lines of a page still matches.
     */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip()
                .toLowerCase(Locale.ROOT);
    }

    /** Whether {@code text} holds {@code fact}, both {@linkplain #normalise normalised}. */
    public static boolean holds(String text, String fact) {
        return normalise(text).contains(normalise(fact));
    }
}
