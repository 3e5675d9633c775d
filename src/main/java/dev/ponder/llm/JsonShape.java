package dev.ponder.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a JSON answer, written once per kind of answer: the JSON schema the server is asked
 * to sample by ({@link #schema()}: Ollama's {@code format}, an OpenAI-compatible server's
 * {@code response_format} {@code json_schema}) and the example shown to the model in the prompt
 * ({@link #example()}) are both derived from it, so they cannot drift apart. Each leaf carries the
 * example value it shows.
 * <p>
 * The schema uses only keywords that Ollama's grammar converter (llama.cpp's
 * {@code json-schema-to-grammar}, which Ollama ≥ 0.5 applies to a schema {@code format}) and the
 * common OpenAI-compatible servers (llama.cpp, vLLM, LM Studio) turn into a constraint: {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties:false}, {@code items},
 * {@code minItems}/{@code maxItems}, {@code enum}, {@code minimum}/{@code maximum} of integers and
 * {@code anyOf}.
 */
public sealed interface JsonShape {

    /** The JSON schema of this shape. */
    ObjectNode schema();

    /** The example value shown in prompts; {@code null} for an optional text with no example. */
    JsonNode example();

    /** {@link #schema()} as compact JSON text. */
    default String schemaJson() {
        return schema().toString();
    }

    /** {@link #example()} as compact JSON text, the form prompts show. */
    default String exampleJson() {
        JsonNode e = example();
        return e == null ? "null" : e.toString();
    }

    /** Free text; {@code example} may be empty (then an optional field is left out of the example). */
    static Text text(String example) {
        return new Text(example, List.of());
    }

    /** One of {@code allowed} words, e.g. a section label; the example is the first. */
    static Text oneOf(List<String> allowed) {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("an enum needs at least one value");
        }
        return new Text(allowed.get(0), allowed);
    }

    /** An integer in {@code min..max} (inclusive), shown as {@code example}. */
    static Int integer(int example, int min, int max) {
        return new Int(example, min, max);
    }

    /** An array of {@code items}, at most {@code maxItems}, its example showing one item. */
    static Arr array(JsonShape items, int maxItems) {
        return new Arr(items, 0, maxItems, List.of());
    }

    /** An object with no fields yet; add them with {@link Obj#field} and {@link Obj#optional}. */
    static Obj object() {
        return new Obj(List.of());
    }

    /** Any one of {@code options}; the example is the first's. A single option is that option itself. */
    static JsonShape anyOf(List<? extends JsonShape> options) {
        if (options.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one option");
        }
        return options.size() == 1 ? options.get(0) : new AnyOf(List.copyOf(options));
    }

    /**
     * A string, optionally restricted to {@code allowed} values.
     *
     * @param shown   the value the prompt's example shows ("" for none)
     * @param allowed the only values allowed ({@code enum}); empty: any text
     */
    record Text(String shown, List<String> allowed) implements JsonShape {
        public Text {
            Objects.requireNonNull(shown, "shown");
            allowed = List.copyOf(allowed);
        }

        @Override
        public ObjectNode schema() {
            ObjectNode s = node().put("type", "string");
            if (!allowed.isEmpty()) {
                ArrayNode e = s.putArray("enum");
                allowed.forEach(e::add);
            }
            return s;
        }

        @Override
        public JsonNode example() {
            return shown.isEmpty() ? null : JsonNodeFactory.instance.textNode(shown);
        }

        /** This text showing {@code other} as its example. */
        public Text showing(String other) {
            return new Text(other, allowed);
        }
    }

    /** An integer in {@code min..max}, inclusive (e.g. a page of the document), shown as {@code shown}. */
    record Int(int shown, int min, int max) implements JsonShape {
        public Int {
            if (min > max) {
                throw new IllegalArgumentException("minimum " + min + " above maximum " + max);
            }
        }

        @Override
        public ObjectNode schema() {
            return node().put("type", "integer").put("minimum", min).put("maximum", max);
        }

        @Override
        public JsonNode example() {
            return JsonNodeFactory.instance.numberNode(shown);
        }
    }

    /**
     * An array.
     *
     * @param items    the shape of every item
     * @param minItems fewest items allowed (0: no lower bound)
     * @param maxItems most items allowed
     * @param examples items the example shows (same shape as {@code items}, other example values);
     *                 empty: one item, {@code items}' own example
     */
    record Arr(JsonShape items, int minItems, int maxItems, List<JsonShape> examples) implements JsonShape {
        public Arr {
            Objects.requireNonNull(items, "items");
            examples = List.copyOf(examples);
            if (minItems < 0 || maxItems < Math.max(1, minItems)) {
                throw new IllegalArgumentException("items " + minItems + ".." + maxItems);
            }
        }

        /** This array with at least {@code n} items. */
        public Arr atLeast(int n) {
            return new Arr(items, n, Math.max(n, maxItems), examples);
        }

        /** This array, its example showing {@code shown} instead of one item. */
        public Arr showing(JsonShape... shown) {
            return new Arr(items, minItems, maxItems, List.of(shown));
        }

        @Override
        public ObjectNode schema() {
            ObjectNode s = node().put("type", "array");
            s.set("items", items.schema());
            if (minItems > 0) {
                s.put("minItems", minItems);
            }
            s.put("maxItems", maxItems);
            return s;
        }

        @Override
        public JsonNode example() {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (JsonShape e : examples.isEmpty() ? List.of(items) : examples) {
                JsonNode value = e.example();
                if (value != null) {
                    a.add(value);
                }
            }
            return a;
        }
    }

    /** A field of an {@link Obj}: its name, its shape, and whether the answer must have it. */
    record Field(String name, JsonShape shape, boolean required) {
    }

    /** An object with exactly these fields (no others: {@code additionalProperties:false}). */
    record Obj(List<Field> fields) implements JsonShape {
        public Obj {
            fields = List.copyOf(fields);
        }

        /** This object with one more field the answer must have. */
        public Obj field(String name, JsonShape shape) {
            return with(new Field(name, shape, true));
        }

        /** This object with one more field the answer may leave out. */
        public Obj optional(String name, JsonShape shape) {
            return with(new Field(name, shape, false));
        }

        private Obj with(Field f) {
            List<Field> all = new ArrayList<>(fields);
            all.add(f);
            return new Obj(all);
        }

        @Override
        public ObjectNode schema() {
            ObjectNode s = node().put("type", "object");
            ObjectNode properties = s.putObject("properties");
            ArrayNode required = s.putArray("required");
            for (Field f : fields) {
                properties.set(f.name(), f.shape().schema());
                if (f.required()) {
                    required.add(f.name());
                }
            }
            s.put("additionalProperties", false);
            return s;
        }

        @Override
        public JsonNode example() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Field f : fields) {
                JsonNode value = f.shape().example();
                if (value != null) {
                    o.set(f.name(), value);
                }
            }
            return o;
        }
    }

    /** Any one of several shapes. */
    record AnyOf(List<JsonShape> options) implements JsonShape {
        @Override
        public ObjectNode schema() {
            ObjectNode s = node();
            ArrayNode any = s.putArray("anyOf");
            options.forEach(o -> any.add(o.schema()));
            return s;
        }

        @Override
        public JsonNode example() {
            return options.get(0).example();
        }
    }

    private static ObjectNode node() {
        return JsonNodeFactory.instance.objectNode();
    }
}
