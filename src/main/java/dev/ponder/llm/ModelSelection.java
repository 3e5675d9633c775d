package dev.ponder.llm;

import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModelDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for picking a chat model among those Ollama has, and for its context length. Pure
 * functions over langchain4j's view of {@code /api/tags} and {@code /api/show}.
 */
final class ModelSelection {

    /** Used when {@code /api/show} gives no {@code *.context_length}: Ollama's own default {@code num_ctx}. */
    static final int FALLBACK_CONTEXT_TOKENS = 4096;

    private static final String LATEST = ":latest";
    /** A {@code num_ctx} line in the Modelfile parameters, e.g. {@code num_ctx    32768}. */
    private static final Pattern NUM_CTX = Pattern.compile("(?m)^\\s*num_ctx\\s+(\\d+)\\s*$");

    private ModelSelection() {
    }

    /** {@code llama3.2:latest} → {@code llama3.2}; other tags are kept, since they name a different model. */
    static String shortName(String name) {
        return name.endsWith(LATEST) ? name.substring(0, name.length() - LATEST.length()) : name;
    }

    /** Whether {@code installed} is the model a person means by {@code wanted}; no tag means {@code :latest}. */
    static boolean sameModel(String installed, String wanted) {
        return withTag(installed).equalsIgnoreCase(withTag(wanted.strip()));
    }

    static Optional<OllamaModel> find(List<OllamaModel> installed, String wanted) {
        return installed.stream().filter(m -> m.getName() != null && sameModel(m.getName(), wanted)).findFirst();
    }

    /**
     * Whether the listing alone shows an embedding-only model, so it can be skipped without asking
     * {@code /api/show}: a name with "embed" or a BERT family ({@code bert}, {@code nomic-bert}, …).
     */
    static boolean looksLikeEmbedding(OllamaModel model) {
        if (looksLikeEmbedding(model.getName())) {
            return true;
        }
        List<String> words = new ArrayList<>();
        OllamaModelDetails d = model.getDetails();
        if (d != null) {
            words.add(d.getFamily());
            if (d.getFamilies() != null) {
                words.addAll(d.getFamilies());
            }
        }
        for (String w : words) {
            String s = w == null ? "" : w.toLowerCase(Locale.ROOT);
            if (s.contains("embed") || s.contains("bert")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The same rule for a bare name, as an OpenAI-compatible {@code /models} lists it
     * ({@code text-embedding-nomic-embed-text-v1.5}, {@code all-minilm}, {@code bge-m3}); a name
     * says less than Ollama's families, so a few well-known embedding-only names are added.
     */
    static boolean looksLikeEmbedding(String name) {
        String s = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String base = s.substring(s.lastIndexOf('/') + 1);
        return s.contains("embed") || s.contains("bert") || base.startsWith("all-minilm")
                || base.startsWith("bge-") || base.startsWith("e5-") || base.startsWith("gte-");
    }

    /**
     * Whether the model can answer chats: {@code /api/show} lists {@code completion} among its
     * capabilities. Servers older than the capabilities field (Ollama before 0.6.4) get the benefit
     * of the doubt.
     */
    static boolean canChat(OllamaModelCard card) {
        List<String> caps = card.getCapabilities();
        return caps == null || caps.isEmpty() || caps.contains("completion");
    }

    /** Whether {@code /api/show} lists the {@code thinking} capability (Ollama 0.9 and later list it). */
    static boolean canThink(OllamaModelCard card) {
        List<String> caps = card.getCapabilities();
        return caps != null && caps.contains("thinking");
    }

    /**
     * The {@code num_ctx} to send, in tokens: the smallest of the model's trained context length
     * ({@code model_info["<arch>.context_length"]}, or {@value #FALLBACK_CONTEXT_TOKENS} when absent),
     * a {@code num_ctx} in its Modelfile parameters (someone chose it, e.g. to save memory), and
     * Ponder's cap.
     */
    static int contextTokens(OllamaModelCard card, int cap) {
        int ctx = contextLength(card).orElse(FALLBACK_CONTEXT_TOKENS);
        OptionalInt param = numCtxParameter(card.getParameters());
        if (param.isPresent()) {
            ctx = Math.min(ctx, param.getAsInt());
        }
        return Math.min(ctx, cap);
    }

    /** {@code model_info["<arch>.context_length"]}, in tokens. */
    static OptionalInt contextLength(OllamaModelCard card) {
        Map<String, Object> info = card.getModelInfo();
        if (info == null) {
            return OptionalInt.empty();
        }
        return info.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".context_length") && e.getValue() instanceof Number)
                .mapToInt(e -> ((Number) e.getValue()).intValue())
                .filter(n -> n > 0)
                .findFirst();
    }

    /** {@code num_ctx} from the Modelfile parameters text of {@code /api/show}, if set. */
    static OptionalInt numCtxParameter(String parameters) {
        if (parameters == null) {
            return OptionalInt.empty();
        }
        Matcher m = NUM_CTX.matcher(parameters);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(m.group(1));
            return n > 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Adds {@code :latest} when the last path segment has no tag ({@code host:5000/model} has none). */
    private static String withTag(String name) {
        return name.substring(name.lastIndexOf('/') + 1).contains(":") ? name : name + LATEST;
    }
}
