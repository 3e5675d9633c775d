package dev.ponder.llm;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * The quantized all-MiniLM-L6-v2 sentence-embedding model (384 dimensions), run in process by
 * langchain4j's ONNX runtime. The model reads at most 256 word pieces; longer text is cut.
 * Loading takes one to two seconds, so it happens at the first use, not at construction: the window
 * does not wait for it. Create one and share it.
 */
public final class MiniLmEmbedder implements Embedder {

    /** How vectors of this model are labelled in the library. */
    public static final String MODEL_ID = "builtin:all-minilm-l6-v2-q";

    private volatile EmbeddingModel model;

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = m;
                }
            }
        }
        return m;
    }

    /**
     * English only: all-MiniLM-L6-v2 was trained on English sentence pairs, and its vectors for a
     * Chinese or French passage are near one another whatever the passage says (measured with
     * {@code ponder bench retrieval}: the passage that answers ranked 16th to 49th of 72 by cosine
     * on the Chinese manual, first by BM25).
     */
    @Override
    public boolean reads(java.util.Optional<String> language) {
        return language.isEmpty() || language.get().equals("en");
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model().embedAll(segments).content().stream().map(e -> e.vector()).toList();
    }
}
