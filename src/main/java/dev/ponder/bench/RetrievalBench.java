package dev.ponder.bench;

import dev.ponder.answer.AnswerService;
import dev.ponder.answer.PromptBuilder;
import dev.ponder.answer.Retriever;
import dev.ponder.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ponder bench retrieval}: does the passage that answers a question reach the model's prompt?
 * Each document of the dataset is imported into a fresh library; each question is asked about its
 * document the way {@link AnswerService} asks (the best {@value AnswerService#CANDIDATE_SECTIONS}
 * sections, kept by {@link PromptBuilder} as far as a {@value Settings#DEFAULT_MAX_CONTEXT_TOKENS}-token
 * context with a {@value Settings#DEFAULT_ANSWER_TOKENS}-token answer allows). No model is called.
 *
 * <p>Recall@k: the share of questions for which one of the first k sections holds the fact. Reported
 * at k = 1, at k = 3 (the sections a learned-context prompt quotes beside c′), for the passages of those
 * three that the prompt quotes ("recall@3 passages") and at k = the sections the baseline prompt holds,
 * per question language and overall; with the retrieval time per question.
 */
public final class RetrievalBench {

    /** Imports a document and returns its id. */
    @FunctionalInterface
    public interface Loader {
        /** @throws IllegalArgumentException with a sentence when the file could not be imported */
        long load(Path file) throws Exception;
    }

    /**
     * One question's outcome: the rank of the first section holding the fact (0 = not retrieved), and
     * whether the passages a learned-context prompt quotes of the first
     * {@value PromptBuilder#LEARNED_CONTEXT_SECTIONS} sections beside c′ hold it
     * ({@link PromptBuilder#passageBesideLearnedContext}).
     */
    public record Outcome(RetrievalQuestion question, int rank, int promptSections, double millis,
                          boolean inPassages) {

        boolean within(int k) {
            return rank > 0 && rank <= k;
        }
    }

    private final Retriever retriever;
    private final Loader loader;
    private final List<Path> folders;
    private final PromptBuilder prompts = new PromptBuilder();

    /** @param folders where the dataset's file names are looked up, in order */
    public RetrievalBench(Retriever retriever, Loader loader, List<Path> folders) {
        this.retriever = retriever;
        this.loader = loader;
        this.folders = List.copyOf(folders);
    }

    /**
     * Imports the documents and asks every question.
     *
     * @throws IllegalArgumentException when a file is in none of the folders or cannot be imported
     */
    public List<Outcome> run(List<RetrievalQuestion> questions, BenchProgress progress) throws Exception {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (RetrievalQuestion q : questions) {
            if (!ids.containsKey(q.file())) {
                progress.progress("Importing " + q.file(), ids.size(), (int) questions.stream()
                        .map(RetrievalQuestion::file).distinct().count());
                ids.put(q.file(), loader.load(find(q.file())));
            }
        }
        // the questions' languages are told by the n-gram profiles once loaded: load them before timing
        dev.ponder.search.LanguageDetection.warmUp();
        Map<Long, String> names = new LinkedHashMap<>();
        ids.forEach((name, id) -> names.put(id, name));
        List<Outcome> out = new ArrayList<>();
        for (RetrievalQuestion q : questions) {
            progress.progress("Asking", out.size(), questions.size());
            long start = System.nanoTime();
            List<Retriever.Scored> ranked = retriever.retrieve(q.question(), List.of(ids.get(q.file())),
                    AnswerService.CANDIDATE_SECTIONS);
            double millis = (System.nanoTime() - start) / 1e6;
            PromptBuilder.Built built = prompts.build(q.question(), ranked, names,
                    Settings.DEFAULT_MAX_CONTEXT_TOKENS, Settings.DEFAULT_ANSWER_TOKENS);
            int rank = 0;
            for (int i = 0; i < ranked.size() && rank == 0; i++) {
                if (RetrievalDataset.holds(ranked.get(i).section().text(), q.fact())) {
                    rank = i + 1;
                }
            }
            boolean inPassages = ranked.stream().limit(PromptBuilder.LEARNED_CONTEXT_SECTIONS).anyMatch(r -> RetrievalDataset
                    .holds(PromptBuilder.passageBesideLearnedContext(q.question(), r.section().text()), q.fact()));
            out.add(new Outcome(q, rank, built.sources().size(), millis, inPassages));
        }
        progress.progress("Done", questions.size(), questions.size());
        return out;
    }

    private Path find(String fileName) {
        for (Path folder : folders) {
            Path candidate = folder.resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("the dataset names " + fileName + ", which is in none of " + folders
                + " (give its folder with --docs).");
    }

    /** The report: a table per question language and overall, then the questions whose fact was not in the prompt. */
    public static String report(List<Outcome> outcomes) {
        Map<String, List<Outcome>> byLanguage = new TreeMap<>();
        outcomes.forEach(o -> byLanguage.computeIfAbsent(o.question().languageOrUnknown(), l -> new ArrayList<>()).add(o));
        byLanguage.put("all", outcomes);
        StringBuilder out = new StringBuilder();
        out.append("| language | questions | recall@1 | recall@3 | recall@3 passages | recall@prompt "
                + "| sections in prompt (mean) | retrieval ms / question (mean) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        byLanguage.forEach((language, list) -> out.append(String.format(java.util.Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %.0f |%n", language, list.size(), recall(list, 1),
                recall(list, 3), recallInPassages(list), recallInPrompt(list), list.stream().mapToInt(Outcome::promptSections).average().orElse(0),
                list.stream().mapToDouble(Outcome::millis).average().orElse(0))));
        List<Outcome> misses = outcomes.stream().filter(o -> !o.within(o.promptSections())).toList();
        out.append("\nNot in the prompt: ").append(misses.size()).append(misses.isEmpty() ? "" : "\n");
        for (Outcome o : misses) {
            out.append("- [").append(o.question().languageOrUnknown()).append("] ").append(o.question().file())
                    .append(": ").append(o.question().question()).append(" (fact ")
                    .append(o.rank() == 0 ? "not among the " + AnswerService.CANDIDATE_SECTIONS + " best sections"
                            : "at rank " + o.rank() + ", the prompt held " + o.promptSections())
                    .append(")\n");
        }
        List<Outcome> cut = outcomes.stream().filter(o -> o.within(PromptBuilder.LEARNED_CONTEXT_SECTIONS) && !o.inPassages())
                .toList();
        out.append("\nAmong the first ").append(PromptBuilder.LEARNED_CONTEXT_SECTIONS)
                .append(" sections but not in the passages quoted beside c′: ").append(cut.size())
                .append(cut.isEmpty() ? "" : "\n");
        cut.forEach(o -> out.append("- [").append(o.question().languageOrUnknown()).append("] ").append(o.question().file())
                .append(": ").append(o.question().question()).append(" (fact \"").append(o.question().fact()).append("\")\n"));
        return out.toString();
    }

    /** Share of {@code outcomes} whose fact is among the first {@code k} sections. */
    public static double recall(List<Outcome> outcomes, int k) {
        return outcomes.isEmpty() ? 0 : (double) outcomes.stream().filter(o -> o.within(k)).count() / outcomes.size();
    }

    /** Share of {@code outcomes} whose fact is in the passages quoted beside c′. */
    public static double recallInPassages(List<Outcome> outcomes) {
        return outcomes.isEmpty() ? 0 : (double) outcomes.stream().filter(Outcome::inPassages).count() / outcomes.size();
    }

    /** Share of {@code outcomes} whose fact is in a section the baseline prompt holds. */
    public static double recallInPrompt(List<Outcome> outcomes) {
        return outcomes.isEmpty() ? 0
                : (double) outcomes.stream().filter(o -> o.within(o.promptSections())).count() / outcomes.size();
    }
}
