package dev.ponder.llm;

/**
 * A {@link ModelServer} that passes every call on to another one and tells {@link #answeredWhole}
 * about each model call that got a whole answer: the base of a wrapper that watches the calls made to
 * the server. A stream that was cancelled or failed does not count.
 */
public abstract class ForwardingModelServer implements ModelServer {

    /** The server every call goes to. */
    protected final ModelServer delegate;

    protected ForwardingModelServer(ModelServer delegate) {
        this.delegate = delegate;
    }

    /**
     * {@code model} answered {@code prompt} whole (a completion returned, or a stream completed); called
     * on the calling or streaming thread before the caller hears of it, so it must be quick.
     */
    protected abstract void answeredWhole(String model, Prompt prompt);

    @Override
    public String displayName() {
        return delegate.displayName();
    }

    @Override
    public ServerStatus check() {
        return delegate.check();
    }

    @Override
    public LanguageModel chatModel() throws LlmException {
        return new Watched(delegate.chatModel());
    }

    @Override
    public LanguageModel sleepModel() throws LlmException {
        return new Watched(delegate.sleepModel());
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** A model whose whole answers reach {@link #answeredWhole}; everything else is passed on. */
    private final class Watched extends ForwardingLanguageModel {

        Watched(LanguageModel model) {
            super(model);
        }

        @Override
        public Completion complete(Prompt prompt) throws LlmException {
            Completion c = delegate.complete(prompt);
            answeredWhole(delegate.modelName(), prompt);
            return c;
        }

        @Override
        public StreamHandle stream(Prompt prompt, StreamListener listener) {
            return delegate.stream(prompt, onComplete(listener, () -> answeredWhole(delegate.modelName(), prompt)));
        }
    }
}
