package dev.ponder.sleeptime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.store.SectionText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
     * What was read of one answer.
     *
     * @param byLabel label → notes, for the sections the answer covers
     * @param dropped notes left out because their page lies outside their section
     */
    record Read(Map<String, List<SectionNote>> byLabel, int dropped) {
    }

    /** A section label however a model writes it: {@code S1}, {@code s1}, {@code S 1}, {@code Section 1}, {@code 1}. */
    private static final Pattern LABEL = Pattern.compile("(?:S|SEC|SECTION)?0*(\\d{1,4})");

    /**
     * Reads the model's answer for a batch of sections labelled {@code S1}, {@code S2}, …, however a
     * small model wrote it: {@code {"sections":[{"id","notes"}]}}, a bare array of such objects, or
     * {@code {"S1": [notes]}}; ids as {@code s1}, {@code S 1} or {@code Section 1}; for a batch of one
     * section also a missing or wrong id, {@code {"notes":[…]}} or a bare array of notes. A note may
     * be a bare string; its page may be {@code page} or {@code pages}, a number, a string, a list or a
     * range. Extra keys are ignored, repeated sections merged, repeated notes kept once, and a note
     * whose page lies outside its section dropped (counted), never moved onto another page.
     *
     * @return the notes of the sections the answer covers; empty when it covers none, so the answer
     *         counts as invalid
     */
    static Optional<Read> read(JsonNode root, Map<String, SectionText> batch) {
        Map<String, List<SectionNote>> out = new LinkedHashMap<>();
        int[] dropped = {0};
        for (JsonNode s : sectionEntries(root, batch)) {
            String label = label(ModelJson.text(s, "id", "section", "section_id", "label"), batch);
            if (label == null) {
                continue;
            }
            List<SectionNote> notes = notes(ModelJson.items(ModelJson.field(s, "notes")), batch.get(label), dropped);
            out.merge(label, notes, NotesCodec::distinct);
        }
        if (out.isEmpty() && batch.size() == 1) {
            JsonNode notes = root.isObject() ? ModelJson.field(root, "notes") : root;
            if (notes != null && notes.isArray() && (notes.isEmpty() || looksLikeNote(notes.get(0)))) {
                Map.Entry<String, SectionText> only = batch.entrySet().iterator().next();
                out.put(only.getKey(), notes(ModelJson.items(notes), only.getValue(), dropped));
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(new Read(out, dropped[0]));
    }

    /** The objects that each hold one section's notes, in the order written. */
    private static List<JsonNode> sectionEntries(JsonNode root, Map<String, SectionText> batch) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode sections = root.isObject() ? ModelJson.field(root, "sections") : root;
        if (sections != null) {
            for (JsonNode s : ModelJson.items(sections)) {
                if (s.isObject() && (ModelJson.field(s, "notes") != null || ModelJson.field(s, "id") != null)) {
                    out.add(s);
                }
            }
            return out;
        }
        if (ModelJson.field(root, "id") != null && ModelJson.field(root, "notes") != null) {
            // one section's object on its own (e.g. the one complete part of an answer that broke off)
            out.add(root);
            return out;
        }
        // {"S1": [notes], "S2": {"notes": [...]}}
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (batch.containsKey(normalise(e.getKey()))) {
                ObjectNode s = ModelJson.JSON.createObjectNode().put("id", e.getKey());
                s.set("notes", e.getValue().isObject() ? ModelJson.field(e.getValue(), "notes") : e.getValue());
                out.add(s);
            }
        }
        return out;
    }

    /** The batch's label {@code id} means; in a one-section batch, that section whatever the id says. */
    private static String label(String id, Map<String, SectionText> batch) {
        String label = normalise(id);
        if (batch.containsKey(label)) {
            return label;
        }
        return batch.size() == 1 ? batch.keySet().iterator().next() : null;
    }

    private static String normalise(String id) {
        String compact = id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        Matcher m = LABEL.matcher(compact);
        return m.matches() ? "S" + Integer.parseInt(m.group(1)) : compact;
    }

    private static boolean looksLikeNote(JsonNode n) {
        return n.isTextual() || ModelJson.field(n, "text", "note") != null;
    }

    private static List<SectionNote> notes(List<JsonNode> items, SectionText section, int[] dropped) {
        List<SectionNote> out = new ArrayList<>();
        for (JsonNode n : items) {
            if (out.size() == MAX_NOTES_PER_SECTION) {
                break;
            }
            String text = n.isTextual() ? n.asText().strip() : ModelJson.text(n, "text", "note", "fact", "content");
            if (text.isEmpty()) {
                continue;
            }
            if (text.length() > MAX_NOTE_CHARS) {
                text = text.substring(0, MAX_NOTE_CHARS);
            }
            SectionNote.Kind kind = n.isObject() ? SectionNote.Kind.of(ModelJson.text(n, "kind", "type")) : SectionNote.Kind.FACT;
            String list = kind == SectionNote.Kind.ITEM ? ModelJson.text(n, "list") : "";
            List<Integer> pages = n.isObject() ? ModelJson.pagesOf(n) : List.of();
            Optional<Integer> page = pages.isEmpty() ? Optional.of(section.firstPage())
                    : pages.stream().filter(p -> p >= section.firstPage() && p <= section.lastPage()).findFirst();
            if (page.isEmpty()) {
                dropped[0]++;
                continue;
            }
            out.add(new SectionNote(kind, text, list, page.get()));
        }
        return distinct(out, List.of());
    }

    /** {@code a} then {@code b}, each note text once. */
    private static List<SectionNote> distinct(List<SectionNote> a, List<SectionNote> b) {
        Map<String, SectionNote> byText = new LinkedHashMap<>();
        for (SectionNote n : a) {
            byText.putIfAbsent(n.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), n);
        }
        for (SectionNote n : b) {
            byText.putIfAbsent(n.text().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "), n);
        }
        return new ArrayList<>(byText.values());
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
