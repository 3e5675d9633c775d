package dev.ponder.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quotes text taken from a document (or written about one by a model) into a prompt so that it
 * cannot forge the end of its quotation and speak as the prompt: the one quoting function of
 * sleep-time and test-time prompts (docs/decisions/0015).
 *
 * <p>Two layers. Each quotation is fenced by tags carrying a <em>code</em>, {@code <source-3f9a0c12d4e5 …>}
 * … {@code </source-3f9a0c12d4e5>}, that occurs nowhere else in the prompt, and the system prompt
 * says that only tags with this code open or close a quotation. And every tag a model could act on
 * is broken inside the quoted text, in any case and through look-alikes ({@link TagLookAlikes}).
 *
 * <p>The code is chosen when the prompt is complete ({@link #seal}): {@link #quote} writes a
 * placeholder, so the code can be checked against everything the prompt quotes. It is the first
 * {@value #CODE_LENGTH} hex digits of SHA-256(seed, counter) for the smallest counter whose code
 * the prompt does not contain, as read by a model (case, entities, look-alikes) — deterministic,
 * so the same c′ gives a byte-identical prompt prefix (the server's prompt cache), and unforgeable
 * because of the check, not because of secrecy (see the ADR).
 */
public final class Quoting {

    /** Hex digits of a code: 48 bits. */
    public static final int CODE_LENGTH = 12;

    /** Stands for the code until {@link #seal}; control characters are removed from quoted text. */
    static final String PLACEHOLDER = "\u0001".repeat(CODE_LENGTH);
    private static final Pattern FENCE_TAG = Pattern.compile("<([a-z_]+)-" + PLACEHOLDER);
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final String RULE = PromptFiles.read(Quoting.class, "quoting.v1.txt");

    private Quoting() {
    }

    /**
     * Quotes {@code text} inside {@code <tag-CODE attributes>} … {@code </tag-CODE>}, each on its own
     * line, with every tag look-alike in the text broken and its control characters removed. The
     * prompt must be sealed before it is sent (the model adapters do it: {@link #seal(Prompt)}).
     *
     * @param tag        lower-case letters and underscores, e.g. {@code source}, {@code document_text}
     * @param attributes {@code name="value"} pairs, each value made safe by {@link #attribute}; may be empty
     * @return the quotation, ending with a line break
     */
    public static String quote(String tag, String attributes, String text) {
        if (!tag.matches("[a-z_]+")) {
            throw new IllegalArgumentException("a quotation tag is lower-case letters and underscores: " + tag);
        }
        String body = TagLookAlikes.neutralise(CONTROLS.matcher(text.replace("\r\n", "\n")).replaceAll("")).strip();
        String fence = tag + "-" + PLACEHOLDER;
        return "<" + fence + (attributes.isEmpty() ? "" : " " + attributes) + ">\n" + body + "\n</" + fence + ">\n";
    }

    /**
     * A value safe inside the double quotes of a tag's attribute, such as a file name: on one line,
     * with no quote, bracket, control character or look-alike of one.
     */
    public static String attribute(String value) {
        String oneLine = value.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]+", " ");
        return TagLookAlikes.replaceAsRead(TagLookAlikes.neutralise(oneLine), "\"<>", "'()");
    }

    /**
     * {@code system} followed by the rule naming the quotation code (still a placeholder). A caller
     * that sizes its prompt uses this as the system prompt so the rule's tokens are counted.
     *
     * @param tag the quotation tag the rule shows as its example
     */
    public static String withRule(String system, String tag) {
        return system + "\n\n" + RULE.replace("{tag}", tag).replace("{code}", PLACEHOLDER);
    }

    /** {@link #seal(Prompt, String)} with the whole user message as the seed. */
    public static Prompt seal(Prompt prompt) {
        return seal(prompt, prompt.user());
    }

    /**
     * Chooses the code of {@code prompt}'s quotations and writes it into the fences and into the
     * system prompt's rule (added when missing). A prompt that quotes nothing is returned as it is.
     *
     * @param seed what the code is derived from: text that stays the same when the prompt should
     *             stay byte-identical (a document's c′), the whole user message otherwise
     */
    public static Prompt seal(Prompt prompt, String seed) {
        Matcher tag = FENCE_TAG.matcher(prompt.user());
        if (!tag.find()) {
            return prompt;
        }
        String system = prompt.system().contains(PLACEHOLDER) ? prompt.system()
                : withRule(prompt.system(), tag.group(1));
        String code = code(seed, system + "\n" + prompt.user());
        return prompt.withMessages(system.replace(PLACEHOLDER, code), prompt.user().replace(PLACEHOLDER, code));
    }

    /**
     * The first code derived from {@code seed} that {@code prompt} does not contain as a model reads
     * it. Every rejected code occurs at its own place in the prompt, so at most one try per
     * character of it fails.
     *
     * @throws IllegalStateException never in practice: only if SHA-256 repeated itself that often
     */
    static String code(String seed, String prompt) {
        String read = TagLookAlikes.asRead(prompt);
        for (long counter = 0; counter <= read.length() + 64L; counter++) {
            String code = hex(seed, counter);
            if (!read.contains(code)) {
                return code;
            }
        }
        throw new IllegalStateException("no quotation code found outside the prompt");
    }

    private static String hex(String seed, long counter) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(seed.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Long.toString(counter).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest()).substring(0, CODE_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
