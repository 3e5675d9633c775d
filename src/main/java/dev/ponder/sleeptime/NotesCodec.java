package dev.ponder.sleeptime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ponder.store.SectionText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Section notes as the model writes them and as {@code section_notes} stores them. Stored pages are
 * offsets from the section's first page, so notes stay right when the same text moves to other pages.
 */
final class NotesCodec {

    /** At most this many notes per section are kept (the prompt asks for at most 12). */
    static final int MAX_NOTES_PER_SECTION = 20;
    /** Notes are one sentence; longer text is cut, in characters. */
    static final int MAX_NOTE_CHARS = 400;

    private NotesCodec() {
    }

    /**
     * Reads the model's answer for a batch of sections labelled {@code S1}, {@code S2}, …
     * Accepts {@code {"sections":[{"id","notes"}]}} or a bare array of such objects; for a batch of
     * one section also {@code {"notes":[…]}} or a bare array of notes.
     *
     * @return label → notes (pages clamped to the section's pages) for the sections the answer
     *         covers; empty when it covers none, so the answer counts as invalid
     */
    static Optional<Map<String, List<SectionNote>>> read(JsonNode root, Map<String, SectionText> batch) {
        Map<String, List<SectionNote>> out = new LinkedHashMap<>();
        JsonNode sections = root.isObject() ? root.get("sections") : root;
        if (sections != null && sections.isArray()) {
            for (JsonNode s : sections) {
                if (!s.isObject()) {
                    continue;
                }
                String id = ModelJson.text(s, "id").toUpperCase(java.util.Locale.ROOT);
                SectionText section = batch.get(id);
                if (section == null && batch.size() == 1 && id.isEmpty()) {
                    id = batch.keySet().iterator().next();
                    section = batch.get(id);
                }
                if (section != null && s.get("notes") != null && s.get("notes").isArray()) {
                    out.put(id, notes(s.get("notes"), section));
                }
            }
        }
        if (out.isEmpty() && batch.size() == 1) {
            JsonNode notes = root.isObject() ? root.get("notes") : root;
            if (notes != null && notes.isArray() && (notes.isEmpty() || notes.get(0).has("text"))) {
                Map.Entry<String, SectionText> only = batch.entrySet().iterator().next();
                out.put(only.getKey(), notes(notes, only.getValue()));
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static List<SectionNote> notes(JsonNode array, SectionText section) {
        List<SectionNote> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (out.size() == MAX_NOTES_PER_SECTION) {
                break;
            }
            String text = n.isTextual() ? n.asText().strip() : n.isObject() ? ModelJson.text(n, "text") : "";
            if (text.isEmpty()) {
                continue;
            }
            if (text.length() > MAX_NOTE_CHARS) {
                text = text.substring(0, MAX_NOTE_CHARS);
            }
            SectionNote.Kind kind = n.isObject() ? SectionNote.Kind.of(ModelJson.text(n, "kind")) : SectionNote.Kind.FACT;
            String list = kind == SectionNote.Kind.ITEM && n.isObject() ? ModelJson.text(n, "list") : "";
            List<Integer> pages = n.isObject() ? ModelJson.pages(n.get("page")) : List.of();
            int page = pages.isEmpty() ? section.firstPage() : pages.get(0);
            page = Math.max(section.firstPage(), Math.min(section.lastPage(), page));
            out.add(new SectionNote(kind, text, list, page));
        }
        return out;
    }

    /** Notes as stored, pages relative to {@code firstPage}. */
    static String toStored(List<SectionNote> notes, int firstPage) {
        ArrayNode array = ModelJson.JSON.createArrayNode();
        for (SectionNote n : notes) {
            array.addObject()
                    .put("kind", n.kind().word())
                    .put("text", n.text())
                    .put("list", n.list())
                    .put("page_offset", n.page() - firstPage);
        }
        return array.toString();
    }

    /** Stored notes of a section that now spans {@code firstPage}–{@code lastPage}. */
    static List<SectionNote> fromStored(String json, int firstPage, int lastPage) {
        List<SectionNote> out = new ArrayList<>();
        JsonNode array;
        try {
            array = ModelJson.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored section notes are not JSON", e);
        }
        for (JsonNode n : array) {
            int page = Math.max(firstPage, Math.min(lastPage, firstPage + n.path("page_offset").asInt(0)));
            out.add(new SectionNote(SectionNote.Kind.of(n.path("kind").asText("fact")), n.path("text").asText(""),
                    n.path("list").asText(""), page));
        }
        return out;
    }
}
