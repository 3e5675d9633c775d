package dev.ponder.answer;

import dev.ponder.document.AddressedToAssistants;
import dev.ponder.llm.TokenEstimate;
import dev.ponder.llm.Prompt;
import dev.ponder.llm.PromptFiles;
import dev.ponder.llm.Quoting;
import dev.ponder.search.LanguageDetection;
import dev.ponder.store.SectionEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the test-time prompts: the question plus the most relevant sections (baseline), or plus the
 * documents' learned contexts c′ and the passages of a few sections (learned-context), quoted as data and sized to
 * fit the model's context window. Ollama silently truncates a prompt longer than {@code num_ctx}, so
 * what would not fit is left out rather than sent.
 */
public final class PromptBuilder {

    /** Tokens kept free for the chat template's own markup (role headers, separators). */
    static final int TEMPLATE_MARGIN = 64;
    /**
     * Raw sections quoted beside c′ in a learned-context prompt. c′ carries what spans the document;
     * a few passages carry the exact wording of the part asked about. The baseline quotes as many as
     * fit instead (up to {@link AnswerService#CANDIDATE_SECTIONS}), which is where the test-time
     * tokens are saved (Lin et al. 2025, §3: test time reads c′ instead of the raw context c).
     */
    public static final int LEARNED_CONTEXT_SECTIONS = 3;
    /**
     * The most characters of each raw section quoted beside c′: the passage of it that speaks to the
     * question ({@link SectionPassage}), of a section's 700–1,200 characters ({@code Sectioner}); in
     * Latin text about 160 estimated tokens instead of up to 400. {@code bench retrieval}'s "recall@3
     * passages" measures how often the passages still hold the fact that answers (docs/benchmarks.md).
     */
    public static final int LEARNED_CONTEXT_PASSAGE_CHARS = 480;
    /** The user message's first line, before the sources. */
    private static final String HEAD = "Sources:\n\n";

    // the prompt texts are versioned by their file names; a changed text gets a new file
    private static final String SYSTEM = Quoting.withRule(
            PromptFiles.read(PromptBuilder.class, "answer-system.v3.txt"), "source");
    private static final String LEARNED_CONTEXT_SYSTEM = Quoting.withRule(
            PromptFiles.read(PromptBuilder.class, "answer-learned-context.v3.txt"), "source");

    /** A document's c′ as a learned-context prompt quotes it. */
    public record LearnedContextText(long documentId, String fileName, int pages, String rendered) {
    }

    /** The prompt and the sources it contains, in label order. */
    public record Built(Prompt prompt, List<Source> sources) {

        /** Estimated input tokens of the prompt (system and user message), by {@link TokenEstimate}. */
        public int estimatedTokens() {
            return TokenEstimate.of(prompt.system()) + TokenEstimate.of(prompt.user());
        }

        /** Whether a document's c′ is among the sources. */
        public boolean quotesLearnedContext() {
            return sources.stream().anyMatch(s -> s instanceof Source.LearnedContext);
        }
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
        return assemble(SYSTEM, question, List.of(), ranked, ranked.size(), false, fileNames, contextTokens,
                answerTokens, Integer.MAX_VALUE);
    }

    /**
     * The learned-context prompt: every c′ that fits (in the order given, which must not depend on
     * the question, so that questions share the prompt up to their sections: {@link #learnedContextPrefix}), then the
     * passage ({@link #passageBesideLearnedContext}) of each of up to {@value #LEARNED_CONTEXT_SECTIONS} of the best
     * sections that still fit —
     * never more than {@code maxPromptTokens} in all. Reading c′ is meant to cost fewer test-time
     * tokens than reading the raw context c (Lin et al. 2025, §3), so the caller passes the
     * baseline prompt's size: raw sections are dropped first, and when not even c′ alone is
     * shorter (a short document), there is no learned-context prompt.
     *
     * @param contexts        the c′ of each document asked about that has one
     * @param ranked          candidate sections, most relevant first
     * @param contextTokens   the model's {@code num_ctx}, in tokens
     * @param answerTokens    test-time budget b: tokens reserved for the answer
     * @param maxPromptTokens the most input tokens (estimated, system and user message) the prompt may have
     * @return the prompt, or empty when no c′ fits within the window and {@code maxPromptTokens}
     */
    public Optional<Built> buildWithLearnedContext(String question, List<LearnedContextText> contexts,
                                                   List<Retriever.Scored> ranked, Map<Long, String> fileNames,
                                                   int contextTokens, int answerTokens, int maxPromptTokens) {
        Built built = assemble(LEARNED_CONTEXT_SYSTEM, question, contexts, ranked, LEARNED_CONTEXT_SECTIONS, true,
                fileNames, contextTokens, answerTokens, maxPromptTokens);
        return built.quotesLearnedContext() ? Optional.of(built) : Optional.empty();
    }

    /**
     * The part of every learned-context prompt about {@code contexts} that comes before its sections:
     * the system text, then each c′ that fits, in the order given (the caller's order must not depend
     * on the question — {@link AnswerService} sorts by document id), quoted and sealed as
     * {@link #buildWithLearnedContext} does. Sent alone with a one-token answer budget, it fills the
     * server's prompt cache (Ollama ≥ 0.30, llama.cpp server's {@code cache_prompt}), so the next question
     * pays prefill only for its sections and itself; the benchmark {@code PromptWarmUpBenchmark} measures it.
     *
     * @param contextTokens the model's {@code num_ctx}, in tokens
     * @param answerTokens  test-time budget b, in tokens, as the answers will reserve it
     * @return the prefix as a prompt of 1 output token, or empty when no c′ fits
     */
    public Optional<Prompt> learnedContextPrefix(List<LearnedContextText> contexts, int contextTokens,
                                                 int answerTokens) {
        int budget = contextTokens - answerTokens - TEMPLATE_MARGIN - TokenEstimate.of(LEARNED_CONTEXT_SYSTEM)
                - TokenEstimate.of(HEAD);
        List<Source> sources = new ArrayList<>();
        String blocks = learnedContextBlocks(contexts, budget, sources).text();
        if (sources.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Quoting.seal(new Prompt(LEARNED_CONTEXT_SYSTEM, HEAD + blocks, 1), blocks));
    }

    private Built assemble(String system, String question, List<LearnedContextText> contexts,
                           List<Retriever.Scored> ranked, int maxSections, boolean passages,
                           Map<Long, String> fileNames, int contextTokens, int answerTokens, int maxPromptTokens) {
        String tail = "Question: " + question.strip() + languageLine(question);
        int fixed = TokenEstimate.of(system) + TokenEstimate.of(HEAD) + TokenEstimate.of(tail);
        int budget = Math.min(contextTokens - answerTokens - TEMPLATE_MARGIN, maxPromptTokens) - fixed;
        List<Source> sources = new ArrayList<>();
        Blocks blocks = learnedContextBlocks(contexts, budget, sources);
        String learnedContexts = blocks.text();
        budget -= blocks.tokens();
        StringBuilder user = new StringBuilder(HEAD).append(learnedContexts);
        int sections = 0;
        for (Retriever.Scored s : ranked) {
            if (sections == maxSections) {
                break;
            }
            String label = "S" + (sources.size() + 1);
            String fileName = fileNames.getOrDefault(s.section().documentId(), "document");
            String quoted = passages ? passageBesideLearnedContext(question, s.section().text()) : s.section().text();
            String block = quote(label, fileName, null, pages(s.section()), AddressedToAssistants.marked(quoted));
            int cost = TokenEstimate.of(block);
            if (cost <= budget) {
                user.append(block);
                budget -= cost;
                sources.add(new Source.Section(label, s.section(), fileName, quoted));
                sections++;
            }
        }
        user.append(tail);
        // the code follows c′ alone when there is one, so questions about the same documents share the
        // prompt up to their sections (the server reuses the cached prefix)
        Prompt prompt = Quoting.seal(new Prompt(system, user.toString(), answerTokens),
                learnedContexts.isEmpty() ? user.toString() : learnedContexts);
        return new Built(prompt, List.copyOf(sources));
    }

    /**
     * What a learned-context prompt quotes of a section beside c′: the passage of at most
     * {@value #LEARNED_CONTEXT_PASSAGE_CHARS} characters that speaks to {@code question}
     * ({@link SectionPassage}), before text addressing AI assistants is marked.
     */
    public static String passageBesideLearnedContext(String question, String sectionText) {
        return SectionPassage.of(question, sectionText, LEARNED_CONTEXT_PASSAGE_CHARS);
    }

    /** Quoted text and its estimated tokens. */
    private record Blocks(String text, int tokens) {
    }

    /** The quoted c′ of each of {@code contexts} that fits {@code budget} tokens, in order; adds their sources. */
    private static Blocks learnedContextBlocks(List<LearnedContextText> contexts, int budget, List<Source> sources) {
        StringBuilder out = new StringBuilder();
        int tokens = 0;
        for (LearnedContextText c : contexts) {
            String label = "S" + (sources.size() + 1);
            String block = quote(label, c.fileName(), "learned context", "1-" + Math.max(1, c.pages()), c.rendered());
            int cost = TokenEstimate.of(block);
            if (cost <= budget) {
                out.append(block);
                budget -= cost;
                tokens += cost;
                sources.add(new Source.LearnedContext(label, c.documentId(), c.fileName(), c.pages(), c.rendered()));
            }
        }
        return new Blocks(out.toString(), tokens);
    }

    /**
     * The line that names the language to answer in, after the question: "Answer in French, the
     * language of the question." Small models follow a named language more often than the system
     * prompt's general rule, which stays question-independent so that the prompt is byte-stable up to
     * the question (the server reuses the cached prefix). Empty when the question's language cannot
     * be told ({@link LanguageDetection#ofText}: too short, or the detector still loading) — the
     * system prompt's rule then stands alone.
     */
    static String languageLine(String question) {
        return LanguageDetection.ofText(question)
                .map(code -> "\nAnswer in " + LanguageDetection.englishName(code) + ", the language of the question.")
                .orElse("");
    }

    private static String pages(SectionEntry s) {
        return s.firstPage() == s.lastPage() ? "" + s.firstPage() : s.firstPage() + "-" + s.lastPage();
    }

    private static String quote(String label, String fileName, String kind, String pages, String text) {
        return Quoting.quote("source", "label=\"" + label + "\" document=\"" + Quoting.attribute(fileName) + "\""
                + (kind == null ? "" : " kind=\"" + kind + "\"") + " pages=\"" + pages + "\"", text) + "\n";
    }
}
