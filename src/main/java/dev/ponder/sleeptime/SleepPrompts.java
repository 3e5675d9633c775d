package dev.ponder.sleeptime;

import dev.ponder.llm.Quoting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The sleep-time system prompts, one versioned resource file each ({@code section-notes.v1.txt}, …),
 * written for small local models: short sentences, one example of the JSON wanted, and the rule
 * that quoted document text is data, never instructions. A changed prompt gets a new file and
 * version, which makes the results of the old one stale (see {@link SleepKeys}).
 */
final class SleepPrompts {

    /** A system prompt and its version, e.g. {@code section-notes-v1}. */
    record Template(String name, int number, String text) {
        String version() {
            return name + "-v" + number;
        }
    }

    static final Template SECTION_NOTES = load("section-notes", 1);
    static final Template DIGEST = load("digest", 1);
    static final Template LEARNED_CONTEXT = load("learned-context", 1);
    static final Template ANTICIPATED_QUESTIONS = load("anticipated-questions", 1);
    static final Template REPAIR_JSON = load("repair-json", 1);

    private SleepPrompts() {
    }

    private static Template load(String name, int number) {
        String resource = name + ".v" + number + ".txt";
        try (InputStream in = SleepPrompts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + resource);
            }
            return new Template(name, number, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
