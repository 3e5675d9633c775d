package dev.ponder.llm;

/**
 * A {@link LanguageModel} that passes every call on to another one; a wrapper that watches calls
 * (when a stream opens or ends, whether an answer came) overrides only what it watches.
 */
public abstract class ForwardingLanguageModel implements LanguageModel {

    /** The model every call goes to. */
    protected final LanguageModel delegate;

    protected ForwardingLanguageModel(LanguageModel delegate) {
        this.delegate = delegate;
    }

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public int contextTokens() {
        return delegate.contextTokens();
    }

    @Override
    public Completion complete(Prompt prompt) throws LlmException {
        return delegate.complete(prompt);
    }

    @Override
    public StreamHandle stream(Prompt prompt, StreamListener listener) {
        return delegate.stream(prompt, listener);
    }

    /**
     * {@code listener}, with {@code beforeComplete} run on the stream's thread just before its
     * {@link StreamListener#onComplete}: for a wrapper that watches which streams gave a whole answer.
     */
    protected static StreamListener onComplete(StreamListener listener, Runnable beforeComplete) {
        return new StreamListener() {
            @Override
            public void onToken(String token) {
                listener.onToken(token);
            }

            @Override
            public void onComplete(Completion completion) {
                beforeComplete.run();
                listener.onComplete(completion);
            }

            @Override
            public void onError(LlmException error) {
                listener.onError(error);
            }
        };
    }
}
