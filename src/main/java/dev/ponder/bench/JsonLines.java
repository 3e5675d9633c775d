package dev.ponder.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSONL dataset: one JSON object a line, blank lines skipped. */
final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** One non-blank line: its JSON, and "Line N of FILE" for sentences about it. */
    record Line(JsonNode node, String where) {
    }

    /**
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the line, when a line is not JSON
     */
    static List<Line> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "Line " + (i + 1) + " of " + file.getFileName();
            try {
                out.add(new Line(JSON.readTree(line), where));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException(where + " is not JSON: " + e.getOriginalMessage() + ".");
            }
        }
        return out;
    }
}
