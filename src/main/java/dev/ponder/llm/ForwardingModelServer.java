package dev.ponder.llm;

/**
 * A {@link ModelServer} that passes every call on to another one and hands out its models wrapped by
 * {@link #wrap}: the base of a wrapper that watches the calls made to the server.
 */
public abstract class ForwardingModelServer implements ModelServer {

    /** The server every call goes to. */
    protected final ModelServer delegate;

    protected ForwardingModelServer(ModelServer delegate) {
        this.delegate = delegate;
    }

    /** {@code model}, as this server hands it out. */
    protected abstract LanguageModel wrap(LanguageModel model);

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
        return wrap(delegate.chatModel());
    }

    @Override
    public LanguageModel sleepModel() throws LlmException {
        return wrap(delegate.sleepModel());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
