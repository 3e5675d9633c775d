package dev.ponder.sleeptime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponder.testing.RecordedRequest;
import dev.ponder.testing.TestTokens;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers sleep-time prompts the way a small, obedient model would, for the {@code OllamaTestServer}
 * ({@code answerWith(new ScriptedSleepModel())}): it reads the prompt it received and writes the
 * JSON that prompt asks for, from the text quoted in it — notes from the sections' sentences, c′
 * from the notes, questions from c′'s key facts. A test fixture: nothing in Ponder imitates a model.
 */
public final class ScriptedSleepModel implements Function<RecordedRequest, String> {

    /** The sleep-time tasks, told apart by the first line of the system prompt. */
    public enum Task {
        FIRST_LOOK("Task: first look."),
        SECTION_NOTES("Task: section notes."),
        DIGEST("Task: condense notes."),
        LEARNED_CONTEXT("Task: learned context."),
        ANTICIPATED_QUESTIONS("Task: anticipate questions."),
        REPAIR_JSON("Task: repair JSON.");

        final String firstLine;

        Task(String firstLine) {
            this.firstLine = firstLine;
        }

        public static Optional<Task> of(RecordedRequest r) {
            List<String> contents = r.messageContents();
            if (contents.isEmpty()) {
                return Optional.empty();
            }
            for (Task t : values()) {
                if (contents.get(0).startsWith(t.firstLine)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECTION = Pattern.compile(
            "<document_text-[0-9a-f]+ id=\"(S\\d+)\" pages=\"(\\d+)(?:-(\\d+))?\">\\n(.*?)\\n</document_text-[0-9a-f]+>", Pattern.DOTALL);
    private static final Pattern NOTE_LINE = Pattern.compile("(?m)^pp?\\.(\\d+)(?:-\\d+)? (\\w+)(?: \\(([^)]*)\\))?: (.*)$");
    private static final Pattern LIST_LINE = Pattern.compile("(?m)^- (.+?): (\\d+) distinct members");
    private static final Pattern FACT_LINE = Pattern.compile("(?m)^- (.+?)(?: \\[pp?\\. ([\\d, …]+)])?$");
    private static final Pattern COUNT = Pattern.compile("Write exactly (\\d+) questions");
    private static final Pattern PAGE_MARKER = Pattern.compile("\\[page (\\d+)]");
    /** A code or identifier: 31-47-09, KVS-2717, BLUE HERON. */
    private static final Pattern CODE = Pattern.compile("\\b\\w+-\\d+(-\\d+)*\\b|\\b[A-Z]{3,}\\b");
    private static final Pattern LIST_ITEM = Pattern.compile("^(Article|Amendment|Step|Vendor) ([\\w-]+)\\b.*");

    /** Key facts a c′ (or digest) has by default: a short c′, well within its budget. */
    public static final int KEY_FACTS = 25;

    private final Map<Task, Function<RecordedRequest, String>> overrides = new EnumMap<>(Task.class);
    private final int keyFacts;

    /** Writes c′ with up to {@value #KEY_FACTS} key facts. */
    public ScriptedSleepModel() {
        this(KEY_FACTS);
    }

    /**
     * Writes c′ with up to {@code keyFacts} key facts, one per line of notes: with more than
     * {@value #KEY_FACTS}, like a model that writes to its output cap (Ponder's renderer then keeps c′
     * within the budget).
     */
    public ScriptedSleepModel(int keyFacts) {
        this.keyFacts = keyFacts;
    }

    /** Answers {@code task} with {@code answer} instead, until {@link #restore(Task)}. */
    ScriptedSleepModel override(Task task, Function<RecordedRequest, String> answer) {
        overrides.put(task, answer);
        return this;
    }

    void restore(Task task) {
        overrides.remove(task);
    }

    @Override
    public String apply(RecordedRequest request) {
        Optional<Task> task = Task.of(request);
        if (task.isEmpty()) {
            return "I can only do sleep-time tasks.";
        }
        Function<RecordedRequest, String> override = overrides.get(task.get());
        if (override != null) {
            return override.apply(request);
        }
        String user = request.lastUserMessage().orElse("");
        return switch (task.get()) {
            case FIRST_LOOK -> firstLook(user);
            case SECTION_NOTES -> notes(user);
            case DIGEST, LEARNED_CONTEXT -> context(user, keyFacts,
                    request.format().path("properties").path("key_facts").path("maxItems").asInt(keyFacts),
                    request.numPredict().orElse(Integer.MAX_VALUE));
            case ANTICIPATED_QUESTIONS -> questions(request.messageContents().get(0), user);
            case REPAIR_JSON -> "{\"note\": \"nothing to repair\"}";
        };
    }

    static String notes(String user) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode sections = root.putArray("sections");
        Matcher m = SECTION.matcher(user);
        while (m.find()) {
            ObjectNode s = sections.addObject().put("id", m.group(1));
            ArrayNode notes = s.putArray("notes");
            // like a model told to keep codes and identifiers: those sentences first, then the rest in order
            List<String[]> sentences = sentences(m.group(4), Integer.parseInt(m.group(2)));
            List<String[]> ordered = new ArrayList<>(sentences.stream().filter(x -> CODE.matcher(x[1]).find()).toList());
            sentences.stream().filter(x -> !CODE.matcher(x[1]).find()).forEach(ordered::add);
            for (String[] pageAndSentence : ordered.subList(0, Math.min(12, ordered.size()))) {
                int page = Integer.parseInt(pageAndSentence[0]);
                String sentence = pageAndSentence[1];
                Matcher item = LIST_ITEM.matcher(sentence);
                if (item.matches()) {
                    notes.addObject().put("kind", "item").put("list", item.group(1).toLowerCase() + "s")
                            .put("text", sentence).put("page", page);
                } else if (sentence.matches(".*\\d.*")) {
                    notes.addObject().put("kind", "number").put("text", sentence).put("page", page);
                } else {
                    notes.addObject().put("kind", "fact").put("text", sentence).put("page", page);
                }
            }
        }
        return root.toString();
    }

    /**
     * A first look: the outline's first entry as the summary, and up to 12 key facts, the opening
     * pages' sentences that hold a number or a code first, each with its page.
     */
    static String firstLook(String user) {
        ObjectNode root = JSON.createObjectNode();
        Matcher outline = Pattern.compile("(?m)^p\\.(\\d+): (.*)$").matcher(user);
        root.put("summary", outline.find() ? "The document begins with " + outline.group(2) + "." : "A document.");
        Matcher text = Pattern.compile("<document_text-[0-9a-f]+ pages=\"[^\"]*\">\\n(.*?)\\n</document_text-",
                Pattern.DOTALL).matcher(user);
        List<String[]> sentences = text.find() ? sentences(text.group(1), 1) : List.of();
        List<String[]> ordered = new ArrayList<>(sentences.stream().filter(x -> x[1].matches(".*\\d.*")).toList());
        sentences.stream().filter(x -> !x[1].matches(".*\\d.*")).forEach(ordered::add);
        ArrayNode facts = root.putArray("key_facts");
        for (String[] pageAndSentence : ordered.subList(0, Math.min(12, ordered.size()))) {
            // as asked: one sentence of at most 30 words
            String[] words = pageAndSentence[1].split("\\s+");
            String fact = String.join(" ", java.util.Arrays.asList(words).subList(0, Math.min(30, words.length)));
            facts.addObject().put("fact", fact).putArray("pages").add(Integer.parseInt(pageAndSentence[0]));
        }
        root.putArray("inferences");
        root.putArray("timeline");
        return root.toString();
    }

    static String context(String user) {
        return context(user, KEY_FACTS, KEY_FACTS, Integer.MAX_VALUE);
    }

    /**
     * c′ with up to {@code keyFacts} key facts, and at most {@code maxItems} (the schema's cap, as a model
     * held to the schema writes). With more than {@value #KEY_FACTS} asked for, it writes like a model writing to
     * its cap: the lines of notes in order, several to a fact, each fact about an equal share of
     * {@code maxTokens} (the output cap), until the JSON, counted as the test server counts it
     * ({@link TestTokens}), would pass the cap less what the inferences and timeline after the facts take:
     * never cut off, and as long as the cap and the notes allow (Ponder's renderer then keeps c′ within its
     * budget). By default, one line of notes to a fact, up to {@code keyFacts} facts or three fifths of
     * {@code maxTokens}, which a short c′ never reaches.
     */
    static String context(String user, int keyFacts, int maxItems, int maxTokens) {
        ObjectNode root = JSON.createObjectNode();
        List<String[]> lines = noteLines(user);
        root.put("summary", lines.isEmpty() ? "The document has no notes."
                : "The document is about the following. " + lines.get(0)[2]);
        ArrayNode facts = root.putArray("key_facts");
        ArrayNode inferences = JSON.createArrayNode();
        Matcher lists = LIST_LINE.matcher(user);
        while (lists.find()) {
            inferences.addObject().put("inference", "The document lists " + lists.group(2) + " " + lists.group(1) + ".")
                    .putArray("pages");
        }
        inferences.addObject().put("inference", "The notes record " + lines.size() + " points.").putArray("pages");
        if (keyFacts > KEY_FACTS) {
            toCap(facts, root, lines, Math.min(keyFacts, maxItems), maxTokens, inferences);
        } else {
            int tokens = TestTokens.count(root.toString());
            for (String[] l : lines) {
                if (!l[1].equals("summary") && facts.size() < Math.min(keyFacts, maxItems) && tokens < maxTokens * 3 / 5) {
                    facts.add(fact(l[2], Integer.parseInt(l[0])));
                }
            }
        }
        root.set("inferences", inferences);
        root.putArray("timeline");
        return root.toString();
    }

    /** Key facts written to the cap: see {@link #context(String, int, int, int)}. */
    private static void toCap(ArrayNode facts, ObjectNode root, List<String[]> lines, int keyFacts, int maxTokens,
                              ArrayNode inferences) {
        // what follows the facts: ,"inferences":[…],"timeline":[]} ; the key_facts' ] stays counted in root
        int reserved = TestTokens.count(",\"inferences\":" + inferences + ",\"timeline\":[]}");
        int[] tokens = {TestTokens.count(root.toString()) - 1};
        // each fact an equal share of the room left, so that what one fact leaves goes to the next
        int share = (maxTokens - reserved - tokens[0]) / keyFacts;
        String text = null;
        int page = 0;
        for (String[] l : lines) {
            if (l[1].equals("summary")) {
                continue;
            }
            if (text != null && TestTokens.count(fact(text + " " + l[2], page).toString()) + 1 <= share) {
                text = text + " " + l[2];
                continue;
            }
            if (text != null && !added(facts, fact(text, page), tokens, reserved, maxTokens) || facts.size() >= keyFacts) {
                return;
            }
            text = l[2];
            page = Integer.parseInt(l[0]);
            share = (maxTokens - reserved - tokens[0]) / (keyFacts - facts.size());
        }
        if (text != null) {
            added(facts, fact(text, page), tokens, reserved, maxTokens);
        }
    }

    /** Adds {@code fact} when the JSON stays within {@code maxTokens}; counts it in {@code tokens[0]}. */
    private static boolean added(ArrayNode facts, ObjectNode fact, int[] tokens, int reserved, int maxTokens) {
        int cost = TestTokens.count(fact.toString()) + (facts.isEmpty() ? 0 : 1);
        if (tokens[0] + cost + reserved > maxTokens) {
            return false;
        }
        facts.add(fact);
        tokens[0] += cost;
        return true;
    }

    private static ObjectNode fact(String text, int page) {
        ObjectNode fact = JSON.createObjectNode().put("fact", text);
        fact.putArray("pages").add(page);
        return fact;
    }

    /** The lines of notes quoted in a c′ or digest prompt, as [page, kind, text]. */
    static List<String[]> noteLines(String user) {
        List<String[]> lines = new ArrayList<>();
        Matcher m = NOTE_LINE.matcher(user);
        while (m.find()) {
            lines.add(new String[] {m.group(1), m.group(2), m.group(4)});
        }
        return lines;
    }

    static String questions(String system, String user) {
        Matcher count = COUNT.matcher(system);
        int wanted = count.find() ? Integer.parseInt(count.group(1)) : 10;
        List<String[]> facts = new ArrayList<>();
        String context = user.contains("<learned_context-") ? user.substring(user.indexOf("<learned_context-")) : user;
        Matcher m = FACT_LINE.matcher(context);
        while (m.find()) {
            facts.add(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)});
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode questions = root.putArray("questions");
        for (int i = 0; i < wanted && !facts.isEmpty(); i++) {
            String[] f = facts.get(i % facts.size());
            String topic = String.join(" ", List.of(f[0].split("\\s+")).subList(0, Math.min(6, f[0].split("\\s+").length)));
            ObjectNode q = questions.addObject()
                    .put("question", (i < facts.size() ? "What does the document say about " : "Question " + i + ": what about ")
                            + topic.replaceAll("[.?!,;:]+$", "") + "?")
                    .put("answer", f[0]);
            ArrayNode pages = q.putArray("pages");
            for (String p : f[1].split("[^\\d]+")) {
                if (!p.isEmpty()) {
                    pages.add(Integer.parseInt(p));
                }
            }
        }
        return root.toString();
    }

    /** [page, sentence] pairs; a {@code [page N]} line moves to page N. */
    private static List<String[]> sentences(String text, int firstPage) {
        List<String[]> out = new ArrayList<>();
        int page = firstPage;
        for (String line : text.split("\n")) {
            Matcher marker = PAGE_MARKER.matcher(line.strip());
            if (marker.matches()) {
                page = Integer.parseInt(marker.group(1));
                continue;
            }
            for (String sentence : line.split("(?<=[.!?])\\s+")) {
                if (sentence.strip().length() > 3) {
                    out.add(new String[] {String.valueOf(page), sentence.strip()});
                }
            }
        }
        return out;
    }
}
