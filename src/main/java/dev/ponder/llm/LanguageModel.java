package dev.ponder.llm;

/**
 * Ponder's view of a chat model. Implementations own their HTTP client and their deadlines:
 * a stream that stops producing lines for longer than its inactivity deadline fails with
 * {@link LlmException.Kind#STALLED}, because langchain4j-ollama 1.11 waits forever on some faults
 * (see {@code docs/ollama-protocol.md}).
 */
public interface LanguageModel {

    /** Name of the model requests go to, e.g. {@code llama3.2}. */
    String modelName();

    /** Context window sent as {@code num_ctx} with every request, in tokens. */
    int contextTokens();

    /**
     * Answers in one piece.
     *
     * @throws LlmException with a sentence for the user when the server cannot answer
     */
    Completion complete(Prompt prompt) throws LlmException;

    /**
     * Streams an answer to {@code listener}; returns at once.
     *
     * @return a handle that closes the HTTP stream
     */
    StreamHandle stream(Prompt prompt, StreamListener listener);

    /**
     * Streams {@code prompt} and waits for the whole answer; closes the stream at once when
     * {@code cancel} fires (Ollama sees the connection go and stops generating). Work that nobody
     * reads token by token streams anyway so that it can be cancelled.
     *
     * @throws LlmException                            when the server or the connection failed
     * @throws java.util.concurrent.CancellationException when cancelled (also when interrupted)
     */
    default Completion streamAndWait(Prompt prompt, CancelSignal cancel) throws LlmException {
        java.util.concurrent.CompletableFuture<Completion> done = new java.util.concurrent.CompletableFuture<>();
        if (cancel.cancelled()) {
            throw new java.util.concurrent.CancellationException();
        }
        StreamHandle handle = stream(prompt, new StreamListener() {
            @Override
            public void onToken(String token) {
                // the completion carries the whole text
            }

            @Override
            public void onComplete(Completion completion) {
                done.complete(completion);
            }

            @Override
            public void onError(LlmException error) {
                done.completeExceptionally(error);
            }
        });
        Runnable stop = () -> {
            handle.cancel();
            done.cancel(false);
        };
        cancel.onCancel(stop);
        try {
            return done.get();
        } catch (InterruptedException e) {
            handle.cancel();
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof LlmException le) {
                throw le;
            }
            throw new IllegalStateException("unexpected failure of a model call", e.getCause());
        } finally {
            cancel.removeOnCancel(stop);
        }
    }
}
