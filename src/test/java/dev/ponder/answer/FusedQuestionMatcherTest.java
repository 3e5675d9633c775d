package dev.ponder.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.llm.MiniLmEmbedder;
import dev.ponder.llm.Vectors;
import dev.ponder.store.AnticipatedQuestion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Matching a question to the anticipated questions fuses the embeddings' ranking with the words'
 * (reciprocal rank): of two questions the embeddings find about equally close, the one sharing the
 * asker's words is chosen; its query predictability stays its cosine similarity.
 */
class FusedQuestionMatcherTest {

    private static final MiniLmEmbedder EMBEDDER = new MiniLmEmbedder();

    private static AnticipatedQuestion anticipated(int id, String question) {
        return new AnticipatedQuestion(id, 1, 1, id, question, "answer " + id, List.of(1), EMBEDDER.embed(question), 1, 0, 0);
    }

    @Test
    void theQuestionSharingTheAskersWordsWinsWhereTheEmbeddingsBlurThem() {
        List<AnticipatedQuestion> anticipated = List.of(
                anticipated(1, "What does the First Amendment protect?"),
                anticipated(2, "What does the Second Amendment protect?"),
                anticipated(3, "How old must the President be?"));
        String asked = "What is protected by the Second Amendment?";
        QuestionVector v = QuestionVector.of(EMBEDDER, asked);

        Optional<PreparedAnswers.Match> match = new FusedQuestionMatcher().nearest(asked, v, anticipated);

        assertEquals(2, match.orElseThrow().question().id());
        assertEquals(Vectors.cosine(v.vector(), anticipated.get(1).embedding()), match.get().predictability(), 1e-9,
                "query predictability is the cosine similarity of the match");
    }

    @Test
    void questionsEmbeddedByAnotherModelAreNotMatchedAtAll() {
        AnticipatedQuestion other = new AnticipatedQuestion(1, 1, 1, 0, "How old must the President be?", "35",
                List.of(5), new float[0], 1, 0, 0);
        QuestionVector v = QuestionVector.of(EMBEDDER, "How old must the President be?");

        assertTrue(new FusedQuestionMatcher().nearest("How old must the President be?", v, List.of(other)).isEmpty());
        assertTrue(new FusedQuestionMatcher().nearest("How old must the President be?",
                new QuestionVector("ollama:bge-m3", new float[0]), List.of(anticipated(2, "How old?"))).isEmpty(),
                "no vector (the server is away): no prepared answer");
    }
}
