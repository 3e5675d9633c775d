package dev.ponder.answer;

import dev.ponder.llm.Embedder;
import dev.ponder.llm.Vectors;
import dev.ponder.search.LanguageDetection;
import dev.ponder.search.RankFusion;
import dev.ponder.search.SectionIndex;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SectionEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the sections most relevant to a question: two rankings fused by reciprocal rank
 * ({@link RankFusion}) — BM25 over the library's Lucene index ({@link SectionIndex}: exact words,
 * numbers and codes that sentence embeddings blur, such as "vault combination" on one page of three
 * thousand, in the document's language) and the cosine similarity of embeddings (meaning). Vectors
 * count only where the embedding model reads both the question's language and the document's
 * ({@link Embedder#reads}); the in-process MiniLM reads English only, so a French or Chinese document
 * is ranked by its words. While the index is being built or repaired, the embeddings alone rank.
 * When fewer sections than asked for were ranked, the rest follow by cosine, with score 0.
 */
public final class Retriever {

    /** How many sections each ranking contributes to the fusion. */
    static final int RANKED_PER_LIST = 50;

    private final LibraryRepository library;
    private final Embedder embedder;
    private final SectionIndex index;

    public Retriever(LibraryRepository library, Embedder embedder, SectionIndex index) {
        this.library = library;
        this.embedder = embedder;
        this.index = index;
    }

    /**
     * A section with its relevance: the fused score, a sum of 1 / (60 + rank) over the rankings
     * that hold it (at most 2/61 ≈ 0.033, for the first of both); {@code leads} when one of the
     * rankings put it first.
     */
    public record Scored(SectionEntry section, double score, boolean leads) {

        /** A section that no ranking put first. */
        public Scored(SectionEntry section, double score) {
            this(section, score, false);
        }
    }

    /**
     * @param question    the user's question
     * @param documentIds documents to search; empty = every ready document
     * @param limit       maximum sections returned
     * @return the best sections, most relevant first
     */
    public List<Scored> retrieve(String question, Collection<Long> documentIds, int limit) {
        return retrieve(question, QuestionVector.of(embedder, question), documentIds, limit);
    }

    /**
     * As {@link #retrieve(String, Collection, int)}, with the question already embedded; it is
     * compared only with vectors of the model that embedded it.
     */
    public List<Scored> retrieve(String question, QuestionVector vector, Collection<Long> documentIds, int limit) {
        float[] questionEmbedding = vector.vector();
        List<SectionEntry> sections = library.sections(documentIds, vector.model());
        if (sections.isEmpty()) {
            return List.of();
        }
        Map<Long, SectionEntry> byId = sections.stream().collect(Collectors.toMap(SectionEntry::id, Function.identity()));
        Optional<String> questionLanguage = LanguageDetection.ofText(question);
        List<SectionEntry> byCosine = sections.stream()
                .filter(s -> s.embedding().length == questionEmbedding.length && questionEmbedding.length > 0)
                .sorted(Comparator.comparingDouble((SectionEntry s) -> Vectors.cosine(questionEmbedding, s.embedding()))
                        .reversed())
                .toList();
        List<List<Long>> rankings = new ArrayList<>();
        if (embedder.reads(questionLanguage)) {
            Map<Long, Optional<String>> languages = library.documentLanguages();
            rankings.add(byCosine.stream()
                    .filter(s -> embedder.reads(languages.getOrDefault(s.documentId(), Optional.empty())))
                    .limit(RANKED_PER_LIST).map(SectionEntry::id).toList());
        }
        index.search(question, questionLanguage, documentIds, RANKED_PER_LIST)
                .ifPresentOrElse(ids -> rankings.add(ids.stream().filter(byId::containsKey).toList()),
                        // the index is being rebuilt: the vectors rank everything meanwhile
                        () -> rankings.add(byCosine.stream().limit(RANKED_PER_LIST).map(SectionEntry::id).toList()));
        List<Scored> out = new ArrayList<>(limit);
        Set<Long> taken = new HashSet<>();
        Set<Long> leaders = rankings.stream().filter(r -> !r.isEmpty()).map(r -> r.get(0)).collect(Collectors.toSet());
        for (RankFusion.Fused<Long> f : RankFusion.fuse(rankings)) {
            if (out.size() == limit) {
                return out;
            }
            out.add(new Scored(byId.get(f.item()), f.score(), leaders.contains(f.item())));
            taken.add(f.item());
        }
        // fewer sections matched than asked for: the rest by cosine, scored 0 (no ranking put them there)
        for (SectionEntry s : byCosine) {
            if (out.size() == limit) {
                break;
            }
            if (taken.add(s.id())) {
                out.add(new Scored(s, 0));
            }
        }
        return out;
    }
}
