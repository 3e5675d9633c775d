package dev.ponder.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.sleeptime.ScriptedSleepModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A sloppy model for the {@link OllamaTestServer} ({@code answerWith(new SloppyModel(obedient, 0.3, 1))}):
 * it takes what an obedient model answers (usually {@link ScriptedSleepModel}) and, for a set share
 * of its answers, writes it the way small local models really do — one {@link Imperfection} per
 * imperfect answer, each kind in turn (skipping those that do not apply), so every kind is written. It ignores the JSON schema sent, as a server
 * without structured outputs (or a model that ignores {@code format:"json"}) does. A test fixture:
 * nothing in Ponder imitates a model.
 * <p>
 * Whether an answer is imperfect is drawn at random, seeded by the request's text and how often the
 * same text was asked before, so a second try of the same prompt is an independent draw. A repair prompt is answered by a model that can repair:
 * the JSON in the broken output, rewritten cleanly (or {@code {}} when there was none).
 */
public final class SloppyModel implements Function<RecordedRequest, String> {

    /** What a small model gets wrong in one answer. */
    public enum Imperfection {
        /** A sentence before and after the JSON. */
        PROSE_AROUND,
        /** A Markdown code fence around the JSON. */
        CODE_FENCE,
        /** A comma before every closing bracket. */
        TRAILING_COMMAS,
        /** A raw line break inside a string. */
        RAW_LINE_BREAK,
        /** Its reasoning in {@code <think>} tags before the JSON. */
        THINK_TAGS,
        /** Every number written as a string. */
        NUMBERS_AS_STRINGS,
        /** {@code page} written as {@code pages} (a list, a string, a range) and the other way round. */
        PAGE_OR_PAGES,
        /** Objects with a text written as bare strings. */
        BARE_STRINGS,
        /** Section ids written {@code s1}, {@code S 1}, {@code Section 1}. */
        ID_SPELLING,
        /** No id in a one-section answer. */
        MISSING_ID,
        /** Keys nobody asked for. */
        EXTRA_KEYS,
        /** Every list's first item twice. */
        DUPLICATED_ITEMS,
        /** A note or an answer on a page outside its section or the document (plainly wrong). */
        PAGE_OUTSIDE,
        /** Rambling on past the answer budget: the server cuts it off ({@code done_reason} {@code length}). */
        RAMBLING,
        /** Section ids written as sentences, as a weak model fills the shape with prose (plainly wrong). */
        IDS_AS_SENTENCES,
        /** A prepared answer with a number and a name the document does not have (plainly wrong). */
        INVENTED_ANSWER,
        /** No JSON at all: a refusal (plainly wrong). */
        NO_JSON
    }

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();
    private static final String LINE_BREAK = "\u23CE";

    private final Function<RecordedRequest, String> obedient;
    private final double rate;
    private final long seed;
    private final Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<Imperfection, AtomicInteger> written = new EnumMap<>(Imperfection.class);
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger cursor = new AtomicInteger();

    /**
     * @param obedient what an obedient model answers
     * @param rate     share of answers written imperfectly, 0..1
     * @param seed     varies the choices between runs
     */
    public SloppyModel(Function<RecordedRequest, String> obedient, double rate, long seed) {
        this.obedient = obedient;
        this.rate = rate;
        this.seed = seed;
        for (Imperfection i : Imperfection.values()) {
            written.put(i, new AtomicInteger());
        }
    }

    /** A sloppy {@link ScriptedSleepModel}. */
    public static SloppyModel ofScripted(double rate, long seed) {
        return new SloppyModel(new ScriptedSleepModel(), rate, seed);
    }

    /** Answers written so far. */
    public int answers() {
        return answers.get();
    }

    /** How many answers got each imperfection so far. */
    public Map<Imperfection, Integer> imperfections() {
        Map<Imperfection, Integer> out = new EnumMap<>(Imperfection.class);
        written.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public String apply(RecordedRequest request) {
        answers.incrementAndGet();
        ScriptedSleepModel.Task task = ScriptedSleepModel.Task.of(request).orElse(null);
        String user = request.lastUserMessage().orElse("");
        int key = request.messageContents().hashCode();
        // SplittableRandom mixes its seed well: a second try of the same prompt is an independent draw
        RandomGenerator random = new SplittableRandom(seed * 1_000_003L + key * 31L
                + seen.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement() * 0x9E3779B97F4A7C15L);
        String clean = task == ScriptedSleepModel.Task.REPAIR_JSON ? repaired(user) : obedient.apply(request);
        if (random.nextDouble() >= rate) {
            return clean;
        }
        JsonNode root;
        try {
            root = LENIENT.readTree(clean);
        } catch (JsonProcessingException e) {
            return clean;
        }
        List<Imperfection> applicable = applicable(task, root);
        Imperfection chosen = next(applicable);
        written.get(chosen).incrementAndGet();
        return write(chosen, root.deepCopy(), random);
    }

    /** The imperfections in turn (from one the seed picks), skipping those that do not apply to this answer. */
    private Imperfection next(List<Imperfection> applicable) {
        Imperfection[] all = Imperfection.values();
        int from = cursor.getAndIncrement();
        for (int i = 0; i < all.length; i++) {
            Imperfection candidate = all[(int) ((from + i + seed) % all.length)];
            if (applicable.contains(candidate)) {
                return candidate;
            }
        }
        return applicable.get(0);
    }

    private static List<Imperfection> applicable(ScriptedSleepModel.Task task, JsonNode root) {
        List<Imperfection> out = new ArrayList<>(List.of(Imperfection.PROSE_AROUND, Imperfection.CODE_FENCE,
                Imperfection.TRAILING_COMMAS, Imperfection.RAW_LINE_BREAK, Imperfection.THINK_TAGS,
                Imperfection.NUMBERS_AS_STRINGS, Imperfection.PAGE_OR_PAGES, Imperfection.BARE_STRINGS,
                Imperfection.EXTRA_KEYS, Imperfection.DUPLICATED_ITEMS, Imperfection.PAGE_OUTSIDE, Imperfection.RAMBLING,
                Imperfection.NO_JSON));
        int sections = root.path("sections").size();
        if (sections > 0) {
            out.add(Imperfection.ID_SPELLING);
            out.add(sections == 1 ? Imperfection.MISSING_ID : Imperfection.IDS_AS_SENTENCES);
        }
        if (task == ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS && root.path("questions").size() > 0) {
            out.add(Imperfection.INVENTED_ANSWER);
        }
        return out;
    }

    private static String write(Imperfection imperfection, JsonNode root, RandomGenerator random) {
        String json = root.toString();
        return switch (imperfection) {
            case PROSE_AROUND -> "Sure! Here is the JSON you asked for:\n" + json + "\n\nI hope this helps. Let me know "
                    + "if you need anything else.";
            case CODE_FENCE -> "```json\n" + root.toPrettyString() + "\n```";
            case TRAILING_COMMAS -> root.toPrettyString().replaceAll("([^\\[{,\\s])(\\s*\\n\\s*[}\\]])", "$1,$2");
            case RAW_LINE_BREAK -> lineBreakInLongestString(root);
            case THINK_TAGS -> "<think>The user wants JSON like {\"a\": 1}. I will write it now.</think>\n" + json;
            case NUMBERS_AS_STRINGS -> walk(root, (parent, name, value) -> value.isNumber()
                    ? TextNode.valueOf(value.asText()) : value).toString();
            case PAGE_OR_PAGES -> pageOrPages(root, random).toString();
            case BARE_STRINGS -> bareStrings(root).toString();
            case ID_SPELLING -> ids(root, id -> List.of("s" + id, "S " + id, "Section " + id, "section_" + id)
                    .get(random.nextInt(4))).toString();
            case MISSING_ID -> {
                ((ObjectNode) root.path("sections").get(0)).remove("id");
                yield root.toString();
            }
            case IDS_AS_SENTENCES -> ids(root, id -> "The part of the document numbered " + id + " and what it says")
                    .toString();
            case EXTRA_KEYS -> walkObjects(root, o -> o.put("confidence", 0.87).put("source", "the document")).toString();
            case DUPLICATED_ITEMS -> walkArrays(root, a -> {
                if (!a.isEmpty()) {
                    a.add(a.get(0).deepCopy());
                }
            }).toString();
            case PAGE_OUTSIDE -> walk(root, (parent, name, value) -> ("page".equals(name) || "pages".equals(name))
                    && random.nextBoolean() ? (value.isArray() ? LENIENT.createArrayNode().add(9999)
                    : LENIENT.getNodeFactory().numberNode(9999)) : value).toString();
            case RAMBLING -> json.substring(0, json.length() - 1) + ", \"comment\": \""
                    + "and there is more to say about this, ".repeat(600) + "\"}";
            case INVENTED_ANSWER -> {
                ((ObjectNode) root.path("questions").get(0)).put("answer",
                        "It is 4711 days, as Napoleon Bonaparte decided.");
                yield root.toString();
            }
            case NO_JSON -> "I'm sorry, but I can't help with that request.";
        };
    }

    /** What a model that can repair JSON writes: the JSON of the broken output, cleanly, or {@code {}}. */
    private static String repaired(String user) {
        int from = user.indexOf("<broken_output>");
        int to = user.lastIndexOf("</broken_output>");
        String broken = from < 0 || to < from ? "" : user.substring(from + 15, to);
        for (int i = 0; i < broken.length(); i++) {
            if (broken.charAt(i) == '{' || broken.charAt(i) == '[') {
                try {
                    JsonNode n = LENIENT.readTree(LENIENT.createParser(broken.substring(i)));
                    if (n != null && n.isContainerNode()) {
                        return n.toString();
                    }
                } catch (java.io.IOException e) {
                    // try the next bracket
                }
            }
        }
        return "{}";
    }

    private static String lineBreakInLongestString(JsonNode root) {
        TextNode[] longest = {null};
        walk(root, (parent, name, value) -> {
            if (value.isTextual() && value.asText().contains(" ")
                    && (longest[0] == null || value.asText().length() > longest[0].asText().length())) {
                longest[0] = (TextNode) value;
            }
            return value;
        });
        if (longest[0] == null) {
            return root.toString();
        }
        String text = longest[0].asText();
        String broken = text.replaceFirst(" ", LINE_BREAK);
        return walk(root, (parent, name, value) -> value == longest[0] ? TextNode.valueOf(broken) : value).toString()
                .replace(LINE_BREAK, "\n");
    }

    private static JsonNode pageOrPages(JsonNode root, RandomGenerator random) {
        return walkObjects(root, o -> {
            if (o.has("page")) {
                JsonNode p = o.remove("page");
                int n = p.asInt();
                o.set("pages", switch (random.nextInt(3)) {
                    case 0 -> LENIENT.createArrayNode().add(n);
                    case 1 -> TextNode.valueOf("p. " + n);
                    default -> TextNode.valueOf(n + "-" + n);
                });
            } else if (o.has("pages") && o.get("pages").isArray() && !o.get("pages").isEmpty()) {
                JsonNode pages = o.remove("pages");
                int first = pages.get(0).asInt();
                int last = pages.get(pages.size() - 1).asInt();
                o.set("page", random.nextBoolean() ? LENIENT.getNodeFactory().numberNode(first)
                        : TextNode.valueOf(first == last ? "" + first : first + "-" + last));
            }
        });
    }

    private static JsonNode bareStrings(JsonNode root) {
        return walkArrays(root, a -> {
            for (int i = 0; i < a.size(); i++) {
                JsonNode item = a.get(i);
                for (String field : List.of("text", "fact", "inference")) {
                    if (item.isObject() && item.hasNonNull(field)) {
                        a.set(i, TextNode.valueOf(item.get(field).asText()));
                        break;
                    }
                }
                if (item.isObject() && item.has("question") && item.has("answer")) {
                    a.set(i, TextNode.valueOf(item.get("question").asText() + " " + item.get("answer").asText()));
                }
            }
        });
    }

    private static JsonNode ids(JsonNode root, Function<String, String> spelling) {
        for (JsonNode s : root.path("sections")) {
            if (s.isObject() && s.hasNonNull("id")) {
                ((ObjectNode) s).put("id", spelling.apply(s.get("id").asText().replaceAll("\\D", "")));
            }
        }
        return root;
    }

    @FunctionalInterface
    private interface Rewrite {
        JsonNode apply(JsonNode parent, String name, JsonNode value);
    }

    /** Rewrites every value below {@code node} (depth first); returns {@code node}. */
    private static JsonNode walk(JsonNode node, Rewrite rewrite) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, rewrite.apply(o, name, walk(o.get(name), rewrite)));
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, rewrite.apply(a, null, walk(a.get(i), rewrite)));
            }
        }
        return node;
    }

    private static JsonNode walkObjects(JsonNode node, java.util.function.Consumer<ObjectNode> each) {
        return walkContainers(node, n -> {
            if (n.isObject()) {
                each.accept((ObjectNode) n);
            }
        });
    }

    private static JsonNode walkArrays(JsonNode node, java.util.function.Consumer<ArrayNode> each) {
        return walkContainers(node, n -> {
            if (n.isArray()) {
                each.accept((ArrayNode) n);
            }
        });
    }

    /** Calls {@code each} on every container below {@code node}, children first, then on {@code node}. */
    private static JsonNode walkContainers(JsonNode node, java.util.function.Consumer<JsonNode> each) {
        List<JsonNode> children = new ArrayList<>();
        node.elements().forEachRemaining(children::add);
        children.forEach(c -> walkContainers(c, each));
        if (node.isContainerNode()) {
            each.accept(node);
        }
        return node;
    }
}
