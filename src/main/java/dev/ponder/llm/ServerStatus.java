package dev.ponder.llm;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What Ponder learned from one look at the model server.
 *
 * @param url           the server's base URL
 * @param reachable     whether the server answered at all
 * @param version       server version ({@code /api/version}), or empty
 * @param models        names of installed models ({@code /api/tags}); empty when unreachable
 * @param chatModels    those of {@code models} that can answer, in the same order: embedding-only
 *                      models ({@code nomic-embed-text}, {@code all-minilm}, …) left out by the
 *                      listing rule of {@link ModelSelection#looksLikeEmbedding}; what a model
 *                      picker offers
 * @param model         the model Ponder will use, or {@code null} when none can be used
 * @param contextTokens {@code num_ctx} Ponder sends for that model: its context length from
 *                      {@code /api/show}, capped by the setting; 0 when unknown
 * @param problem       one sentence with the fix when something stops answering, e.g.
 *                      "Ollama is not running at http://localhost:11434 — start it with `ollama serve`."
 */
public record ServerStatus(
        URI url,
        boolean reachable,
        Optional<String> version,
        List<String> models,
        String model,
        int contextTokens,
        Optional<String> problem,
        List<String> chatModels) {

    public ServerStatus {
        models = List.copyOf(models);
        chatModels = List.copyOf(chatModels);
    }

    /** A status whose models can all answer (no embedding-only model among them). */
    public ServerStatus(URI url, boolean reachable, Optional<String> version, List<String> models, String model,
                        int contextTokens, Optional<String> problem) {
        this(url, reachable, version, models, model, contextTokens, problem, models);
    }

    public boolean ready() {
        return problem.isEmpty();
    }
}
