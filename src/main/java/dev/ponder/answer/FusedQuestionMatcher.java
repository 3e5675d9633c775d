package dev.ponder.answer;

import dev.ponder.llm.Vectors;
import dev.ponder.search.LanguageDetection;
import dev.ponder.search.RankFusion;
import dev.ponder.search.TextRanking;
import dev.ponder.store.AnticipatedQuestion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The anticipated question nearest to what was asked: the cosine ranking of the embeddings and the
 * BM25 ranking of the words fused by reciprocal rank ({@link RankFusion}), so that of two questions
 * the embeddings find equally close ("What does the First Amendment protect?" and "… the Second …"),
 * the one sharing the asker's words comes first. Its query predictability is its cosine similarity,
 * as before the fusion (the threshold in Settings keeps its meaning); without a comparable vector
 * there is none, and no match.
 */
final class FusedQuestionMatcher implements AnticipatedQuestionMatcher {

    @Override
    public Optional<PreparedAnswers.Match> nearest(String question, QuestionVector vector,
                                                   List<AnticipatedQuestion> anticipated) {
        float[] q = vector.vector();
        List<Integer> comparable = IntStream.range(0, anticipated.size())
                .filter(i -> q.length > 0 && anticipated.get(i).embedding().length == q.length).boxed().toList();
        if (comparable.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> byMeaning = new ArrayList<>(comparable);
        byMeaning.sort(Comparator.comparingDouble((Integer i) -> Vectors.cosine(q, anticipated.get(i).embedding())).reversed());
        List<Integer> byWords = TextRanking.rank(question, LanguageDetection.ofText(question),
                anticipated.stream().map(AnticipatedQuestion::question).toList()).stream()
                .filter(comparable::contains).toList();
        int best = RankFusion.fuse(List.of(byMeaning, byWords)).get(0).item();
        AnticipatedQuestion match = anticipated.get(best);
        return Optional.of(new PreparedAnswers.Match(match, Vectors.cosine(q, match.embedding())));
    }
}
