package dev.ponder.settings;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The settings Ponder runs with now, observable: services read {@link #current()} at the moment
 * they use a value, so a change in the Settings dialog applies to the next answer or sleep-time
 * step without a restart. Changes are persisted in {@code settings.json} in the data directory
 * ({@link SavedSettings}) before listeners hear of them. Thread-safe.
 */
public final class SettingsStore {

    private final boolean persisted;
    private final List<BiConsumer<Settings, Settings>> listeners = new CopyOnWriteArrayList<>();
    private volatile Settings current;
    private SavedSettings saved;

    private SettingsStore(Settings initial, boolean persisted) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.persisted = persisted;
    }

    /** A store that writes changes to {@code initial.dataDir()/settings.json}. */
    public static SettingsStore persisted(Settings initial) {
        return new SettingsStore(initial, true);
    }

    /** A store that keeps changes in memory only (command-line runs that set their own values). */
    public static SettingsStore inMemory(Settings initial) {
        return new SettingsStore(initial, false);
    }

    /** The settings in force now; never {@code null}. */
    public Settings current() {
        return current;
    }

    /**
     * Makes {@code next} current: saves the fields that differ from the current settings, then
     * tells every listener {@code (before, after)} on the caller's thread.
     *
     * @throws IOException              when {@code settings.json} cannot be written; nothing changes then
     * @throws IllegalArgumentException when {@code next} has another data directory (that needs a restart
     *                                  with {@code --data-dir})
     */
    public void update(Settings next) throws IOException {
        Objects.requireNonNull(next, "next");
        Settings before;
        synchronized (this) {
            before = current;
            if (!before.dataDir().equals(next.dataDir())) {
                throw new IllegalArgumentException("The data folder cannot be changed while Ponder runs.");
            }
            if (before.equals(next)) {
                return;
            }
            if (persisted) {
                SavedSettings base = saved != null ? saved : SavedSettings.read(before.dataDir());
                SavedSettings merged = base.withChanges(before, next);
                merged.write(before.dataDir());
                saved = merged;
            }
            current = next;
        }
        for (BiConsumer<Settings, Settings> l : listeners) {
            l.accept(before, next);
        }
    }

    /** Calls {@code listener.accept(before, after)} after each change. */
    public void addListener(BiConsumer<Settings, Settings> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Whether going from {@code before} to {@code after} names another model server — the Ollama
     * address, the choice of Ollama or an OpenAI-compatible server, its address or key — so that a
     * new client is made for it ({@code llm.SwitchingModelServer}).
     */
    public static boolean changesModelServer(Settings before, Settings after) {
        return !before.ollamaUrl().equals(after.ollamaUrl()) || !Objects.equals(before.openAi(), after.openAi());
    }
}
