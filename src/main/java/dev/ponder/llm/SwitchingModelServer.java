package dev.ponder.llm;

import dev.ponder.settings.Settings;
import dev.ponder.settings.SettingsStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The model server the settings in force name, replaced when the person saves another one (another
 * Ollama address, or an OpenAI-compatible server instead of Ollama). Ponder's services hold this one
 * object, so the next question, sleep-time step or status check goes to the new server without a
 * restart. A replaced server is closed when this one is: an answer streaming from it finishes.
 */
public final class SwitchingModelServer implements ModelServer {

    private final Function<Settings, ModelServer> open;
    private final List<ModelServer> replaced = new CopyOnWriteArrayList<>();
    private volatile ModelServer current;

    /**
     * @param initial the settings at start
     * @param open    makes the server a settings value names (called with {@code initial} now, and with
     *                the new settings on each {@link #settingsChanged} that names another server)
     */
    public SwitchingModelServer(Settings initial, Function<Settings, ModelServer> open) {
        this.open = open;
        this.current = open.apply(initial);
    }

    /** Follows a settings change ({@link SettingsStore#addListener}): a new server when it names another. */
    public synchronized void settingsChanged(Settings before, Settings after) {
        if (SettingsStore.changesModelServer(before, after)) {
            replaced.add(current);
            current = open.apply(after);
        }
    }

    /** The server questions go to now. */
    public ModelServer current() {
        return current;
    }

    @Override
    public String displayName() {
        return current.displayName();
    }

    @Override
    public ServerStatus check() {
        return current.check();
    }

    @Override
    public LanguageModel chatModel() throws LlmException {
        return current.chatModel();
    }

    @Override
    public LanguageModel sleepModel() throws LlmException {
        return current.sleepModel();
    }

    @Override
    public synchronized void close() {
        current.close();
        replaced.forEach(ModelServer::close);
        replaced.clear();
    }
}
