package dev.ponder.answer;

import dev.ponder.llm.Vectors;
import dev.ponder.llm.Embedder;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.SectionEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sections most relevant to a question: hybrid of embedding similarity (meaning) and
 * IDF-weighted term overlap (exact words, numbers and codes that sentence embeddings blur, such as
 * "vault combination" on one page of three thousand).
 */
public final class Retriever {

    /** Weight of the lexical score against cosine similarity; both lie in [0, 1]. */
    static final double LEXICAL_WEIGHT = 0.6;

    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\-']*");
    static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "are", "was", "were", "what", "which", "who", "whom", "whose", "when", "where",
            "why", "how", "does", "did", "do", "is", "it", "its", "this", "that", "these", "those", "with", "from",
            "into", "about", "there", "their", "them", "they", "has", "have", "had", "can", "could", "would",
            "should", "will", "shall", "may", "might", "not", "but", "any", "all", "our", "your", "you", "his",
            "her", "she", "him", "document", "documents", "say", "says", "tell", "give", "list", "many", "much", "of", "in",
            "on", "to", "a", "an", "be", "by", "or", "as", "at");

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
        Set<String> queryTerms = terms(question);
        queryTerms.removeAll(STOP_WORDS);
        Map<String, Integer> documentFrequency = new HashMap<>();
        List<Set<String>> sectionTerms = new ArrayList<>(sections.size());
        for (SectionEntry s : sections) {
            Set<String> t = terms(s.text());
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

    static Set<String> terms(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = TERM.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String t = m.group();
            if (t.length() >= 2 || Character.isDigit(t.charAt(0))) {
                out.add(t);
            }
        }
        return out;
    }
}
