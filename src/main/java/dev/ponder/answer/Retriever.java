package dev.ponder.answer;

import dev.ponder.document.Terms;
import dev.ponder.llm.Vectors;
import dev.ponder.llm.Embedder;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SectionEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the sections most relevant to a question: hybrid of embedding similarity (meaning) and
 * IDF-weighted term overlap (exact words, numbers and codes that sentence embeddings blur, such as
 * "vault combination" on one page of three thousand).
 */
public final class Retriever {

    /** Weight of the lexical score against cosine similarity; both lie in [0, 1]. */
    static final double LEXICAL_WEIGHT = 0.6;

    private final LibraryRepository library;
    private final Embedder embedder;

    public Retriever(LibraryRepository library, Embedder embedder) {
        this.library = library;
        this.embedder = embedder;
    }

    /** A section with its relevance score in [0, 1 + LEXICAL_WEIGHT]. */
    public record Scored(SectionEntry section, double score) {
    }

    /**
     * @param question    the user's question
     * @param documentIds documents to search; empty = every ready document
     * @param limit       maximum sections returned
     * @return the best sections, most relevant first
     */
    public List<Scored> retrieve(String question, Collection<Long> documentIds, int limit) {
        return retrieve(question, embedder.embed(question), documentIds, limit);
    }

    /**
     * As {@link #retrieve(String, Collection, int)}, with the question already embedded.
     *
     * @param questionEmbedding unit vector of {@code question} from the same embedder as the sections
     */
    public List<Scored> retrieve(String question, float[] questionEmbedding, Collection<Long> documentIds, int limit) {
        List<SectionEntry> sections = library.sections(documentIds);
        if (sections.isEmpty()) {
            return List.of();
        }
        float[] q = questionEmbedding;
        Set<String> queryTerms = Terms.of(question);
        queryTerms.removeAll(Terms.STOP_WORDS);
        Map<String, Integer> documentFrequency = new HashMap<>();
        List<Set<String>> sectionTerms = new ArrayList<>(sections.size());
        for (SectionEntry s : sections) {
            Set<String> t = Terms.of(s.text());
            t.retainAll(queryTerms);
            t.forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
            sectionTerms.add(t);
        }
        double maxIdf = 0;
        Map<String, Double> idf = new HashMap<>();
        for (String term : queryTerms) {
            double w = Math.log(1 + (double) sections.size() / (1 + documentFrequency.getOrDefault(term, 0)));
            idf.put(term, w);
            maxIdf += w;
        }
        List<Scored> scored = new ArrayList<>(sections.size());
        for (int i = 0; i < sections.size(); i++) {
            SectionEntry s = sections.get(i);
            double lexical = 0;
            for (String term : sectionTerms.get(i)) {
                lexical += idf.get(term);
            }
            double lexicalScore = maxIdf == 0 ? 0 : lexical / maxIdf;
            scored.add(new Scored(s, Math.max(0, Vectors.cosine(q, s.embedding())) + LEXICAL_WEIGHT * lexicalScore));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return List.copyOf(scored.subList(0, Math.min(limit, scored.size())));
    }
}
