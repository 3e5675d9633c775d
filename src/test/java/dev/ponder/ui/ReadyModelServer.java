package dev.ponder.ui;

import dev.ponder.llm.LanguageModel;
import dev.ponder.llm.ModelServer;
import dev.ponder.llm.ServerStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** A model server that is always ready (for window tests that are not about the server). */
final class ReadyModelServer implements ModelServer {

    @Override
    public ServerStatus check() {
        return new ServerStatus(URI.create("http://localhost:11434"), true, Optional.of("0.12"),
                List.of("llama3.2"), "llama3.2", 8192, Optional.empty());
    }

    @Override
    public LanguageModel chatModel() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
