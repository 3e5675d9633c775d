package dev.ponder.answer;

import dev.ponder.llm.TokenEstimate;
import dev.ponder.llm.Prompt;
import dev.ponder.store.SectionEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the baseline test-time prompt: the question plus the most relevant sections, quoted as
 * data, sized to fit the model's context window. Ollama silently truncates a prompt longer than
 * {@code num_ctx}, so sections that would not fit are left out rather than sent.
 */
public final class PromptBuilder {

    /** Version of the prompt text in {@code answer-system.v1.txt}; stored answers refer to it. */
    public static final String PROMPT_VERSION = "answer-v1";
    /** Tokens kept free for the chat template's own markup (role headers, separators). */
    static final int TEMPLATE_MARGIN = 64;

    private static final String SYSTEM = load("answer-system.v1.txt");

    /** A section as the model saw it, with the label it may cite ({@code S1}, {@code S2}, …). */
    public record Source(String label, SectionEntry section, String fileName) {
    }

    /** The prompt and the sources it contains, in label order. */
    public record Built(Prompt prompt, List<Source> sources) {
    }

    /**
     * @param question       the user's question
     * @param ranked         candidate sections, most relevant first
     * @param fileNames      document id → file name
     * @param contextTokens  the model's {@code num_ctx}, in tokens
     * @param answerTokens   test-time budget b: tokens reserved for the answer
     */
    public Built build(String question, List<Retriever.Scored> ranked, Map<Long, String> fileNames,
                       int contextTokens, int answerTokens) {
        String head = "Sources:\n\n";
        String tail = "Question: " + question.strip();
        int budget = contextTokens - answerTokens - TEMPLATE_MARGIN
                - TokenEstimate.of(SYSTEM) - TokenEstimate.of(head) - TokenEstimate.of(tail);
        StringBuilder user = new StringBuilder(head);
        List<Source> sources = new ArrayList<>();
        for (Retriever.Scored s : ranked) {
            String label = "S" + (sources.size() + 1);
            String fileName = fileNames.getOrDefault(s.section().documentId(), "document");
            String block = quote(label, fileName, s.section());
            int cost = TokenEstimate.of(block);
            if (cost <= budget) {
                user.append(block);
                budget -= cost;
                sources.add(new Source(label, s.section(), fileName));
            }
        }
        user.append(tail);
        return new Built(new Prompt(SYSTEM, user.toString(), answerTokens), List.copyOf(sources));
    }

    private static String quote(String label, String fileName, SectionEntry s) {
        String pages = s.firstPage() == s.lastPage() ? "" + s.firstPage() : s.firstPage() + "-" + s.lastPage();
        // a document must not be able to close its own quotation and speak as the prompt
        String body = s.text().replace("</source", "< /source").replace("<source", "< source");
        return "<source label=\"" + label + "\" document=\"" + attribute(fileName) + "\" pages=\"" + pages + "\">\n"
                + body.strip() + "\n</source>\n\n";
    }

    private static String attribute(String value) {
        return value.replace("\"", "'").replace("<", "(").replace(">", ")");
    }

    private static String load(String resource) {
        try (InputStream in = PromptBuilder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
