package dev.ponder.answer;

import dev.ponder.llm.EmbeddingException;
import dev.ponder.llm.Embedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A question's embedding with the model that made it, so that it is compared only with vectors of
 * the same model. Empty ({@code vector.length == 0}) when the embedding model could not be reached:
 * the question is then matched by its words alone.
 *
 * @param model  the embedding model's id
 * @param vector unit vector, or empty
 */
public record QuestionVector(String model, float[] vector) {

    private static final Logger log = LoggerFactory.getLogger(QuestionVector.class);

    /**
     * Embeds {@code question}; embeds it again when the library's model changed meanwhile (a move to
     * another model finished), so that label and vector always agree.
     */
    public static QuestionVector of(Embedder embedder, String question) {
        for (int attempt = 0; ; attempt++) {
            String model = embedder.modelId();
            float[] vector;
            try {
                vector = embedder.embed(question);
            } catch (EmbeddingException e) {
                log.info("The question is matched by its words alone: {}", e.getMessage(), e);
                return new QuestionVector(model, new float[0]);
            }
            if (model.equals(embedder.modelId()) || attempt > 0) {
                return new QuestionVector(model.equals(embedder.modelId()) ? model : "", vector);
            }
        }
    }

    /** Whether there is a vector to compare. */
    public boolean present() {
        return vector.length > 0;
    }
}
