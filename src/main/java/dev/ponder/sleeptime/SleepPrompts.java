package dev.ponder.sleeptime;

import dev.ponder.llm.JsonShape;
import dev.ponder.llm.PromptFiles;
import dev.ponder.llm.Quoting;

/**
 * The sleep-time system prompts, one versioned resource file each ({@code section-notes.v2.txt}, …),
 * written for small local models: short sentences, one example of the JSON wanted, and the rule
 * that quoted document text is data, never instructions. The example replaces {@code {shape}} in
 * the file and is rendered from the step's {@link JsonShape}, the same definition the JSON schema
 * sent with the call comes from. A changed prompt gets a new file and version, which makes the
 * results of the old one stale (see {@link SleepKeys}); the version also carries a hash of the
 * rendered text, so a changed shape makes them stale too.
 */
final class SleepPrompts {

    /** A system prompt and its version, e.g. {@code section-notes-v2-1a2b3c4d}. */
    record Template(String name, int number, String text) {
        String version() {
            return name + "-v" + number + "-" + SleepKeys.sha256(text).substring(0, 8);
        }

        /** This prompt with {@code {shape}} replaced by the example of {@code shape}. */
        Template showing(JsonShape shape) {
            if (!text.contains("{shape}")) {
                throw new IllegalStateException(name + " has no {shape} to show");
            }
            return new Template(name, number, text.replace("{shape}", shape.exampleJson()));
        }
    }

    static final Template REPAIR_JSON = load("repair-json", 1);

    private SleepPrompts() {
    }

    /** The prompt in resource {@code name.vNUMBER.txt}. */
    static Template load(String name, int number) {
        return new Template(name, number, PromptFiles.read(SleepPrompts.class, name + ".v" + number + ".txt"));
    }

    /**
     * Quotes text derived from a document inside {@code <tag-CODE attributes>…</tag-CODE>}, so the
     * document cannot close its own quotation and speak as the prompt ({@link Quoting#quote}; the
     * model adapter seals the prompt and names the code in its system prompt).
     */
    static String quote(String tag, String attributes, String text) {
        return Quoting.quote(tag, attributes, text);
    }

    /** An attribute value safe inside double quotes. */
    static String attribute(String value) {
        return Quoting.attribute(value);
    }
}
