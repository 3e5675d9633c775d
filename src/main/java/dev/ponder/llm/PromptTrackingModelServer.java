package dev.ponder.llm;

/**
 * A {@link ModelServer} that remembers the last prompt the server answered whole, and for which
 * model, so that Ponder can tell whether the server's prompt cache still holds a prompt prefix. A
 * local server keeps the prompt of its last request in its cache (Ollama ≥ 0.30 reuses the prefix a
 * request shares with the previous one to the same model; llama.cpp server's {@code cache_prompt}
 * does the same per slot), and any other request, or another model, replaces it. Passes every call
 * on unchanged.
 */
public final class PromptTrackingModelServer extends ForwardingModelServer {

    /** The last prompt answered whole: its model and messages as sent. */
    private record Answered(String model, String system, String user) {
    }

    private volatile Answered last;

    public PromptTrackingModelServer(ModelServer delegate) {
        super(delegate);
    }

    /**
     * Whether the last prompt the server answered whole went to {@code model} and begins with
     * {@code prefix}: the same system message, and a user message that starts with the prefix's.
     * A stream that was cancelled or failed does not count (nothing says the server kept its prompt).
     */
    public boolean lastAnsweredStartsWith(String model, Prompt prefix) {
        Answered a = last;
        return a != null && a.model().equals(model) && a.system().equals(prefix.system())
                && a.user().startsWith(prefix.user());
    }

    @Override
    protected void answeredWhole(String model, Prompt prompt) {
        Prompt sealed = Quoting.seal(prompt);
        last = new Answered(model, sealed.system(), sealed.user());
    }
}
