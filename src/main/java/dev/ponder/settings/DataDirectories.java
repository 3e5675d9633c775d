package dev.ponder.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Ponder keeps its data when no {@code --data-dir} is given: {@code PONDER_HOME}, else the
 * platform's per-user data directory (Linux {@code $XDG_DATA_HOME/ponder}, macOS
 * {@code ~/Library/Application Support/Ponder}, Windows {@code %APPDATA%\Ponder}).
 */
public final class DataDirectories {

    private DataDirectories() {
    }

    /**
     * @param env      the process environment (a parameter so tests can pass their own)
     * @param osName   value of {@code os.name}
     * @param userHome value of {@code user.home}
     */
    public static Path platformDefault(Map<String, String> env, String osName, String userHome) {
        String ponderHome = env.get("PONDER_HOME");
        if (ponderHome != null && !ponderHome.isBlank()) {
            return Path.of(ponderHome);
        }
        return platformFolder(env, osName, userHome);
    }

    /**
     * The platform's per-user data folder, whatever {@code PONDER_HOME} says: Linux
     * {@code $XDG_DATA_HOME/ponder} (else {@code ~/.local/share/ponder}), macOS
     * {@code ~/Library/Application Support/Ponder}, Windows {@code %APPDATA%\Ponder}. The
     * Settings dialog's choice of another folder is kept here ({@link DataFolders}).
     */
    public static Path platformFolder(Map<String, String> env, String osName, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "Ponder") : Path.of(userHome, "AppData", "Roaming", "Ponder");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Ponder");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "ponder") : Path.of(userHome, ".local", "share", "ponder");
    }

    /** {@link #platformDefault} for this process. */
    public static Path platformDefault() {
        return platformDefault(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }
}
