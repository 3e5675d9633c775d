package dev.ponder.llm;

/**
 * A model server could not embed text. {@link #getMessage()} is one sentence a person understands,
 * saying what happened and what to do; the cause holds the technical detail. Unchecked, since
 * {@link Embedder} is also the in-process model, which does not fail this way.
 */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
