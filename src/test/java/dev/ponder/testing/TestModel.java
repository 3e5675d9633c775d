package dev.ponder.testing;

import java.util.List;

/**
 * A model the {@link OllamaTestServer} pretends to have installed.
 *
 * @param name          full name as {@code /api/tags} lists it; {@code :latest} is added when no
 *                      tag is given, as Ollama does
 * @param family        {@code details.family} and the prefix of {@code <family>.context_length}
 * @param contextLength the model's trained context length in tokens ({@code model_info})
 * @param capabilities  {@code /api/show} capabilities, e.g. {@code completion} or {@code embedding}
 * @param numCtxParameter {@code num_ctx} set in the model's Modelfile {@code parameters}, or 0 for none
 */
public record TestModel(String name, String family, int contextLength, List<String> capabilities, int numCtxParameter) {

    public TestModel {
        name = name.contains(":") ? name : name + ":latest";
        capabilities = List.copyOf(capabilities);
    }

    /** A chat model of the llama family, e.g. {@code chat("llama3.2", 131072)}. */
    public static TestModel chat(String name, int contextLength) {
        return new TestModel(name, "llama", contextLength, List.of("completion"), 0);
    }

    /** A chat model that can think, like {@code qwen3} ({@code /api/show} lists {@code thinking}). */
    public static TestModel thinking(String name, int contextLength) {
        return new TestModel(name, "qwen3", contextLength, List.of("completion", "thinking"), 0);
    }

    /** An embedding-only model of the nomic-bert family (2048 tokens), like {@code nomic-embed-text}. */
    public static TestModel embedding(String name) {
        return new TestModel(name, "nomic-bert", 2048, List.of("embedding"), 0);
    }

    /** This model with {@code num_ctx} set in its Modelfile parameters. */
    public TestModel withNumCtxParameter(int numCtx) {
        return new TestModel(name, family, contextLength, capabilities, numCtx);
    }

    /** Whether a request naming {@code requested} (with or without {@code :latest}) means this model. */
    public boolean answersTo(String requested) {
        if (requested == null) {
            return false;
        }
        String full = requested.contains(":") ? requested : requested + ":latest";
        return name.equals(full);
    }

    public boolean canChat() {
        return capabilities.contains("completion");
    }
}
