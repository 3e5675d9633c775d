package dev.ponder.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Where Ponder's library lives, and the folder a person chose in the Settings dialog. The choice
 * cannot live in the library's own folder (that is what it chooses), so it is one line, the
 * folder's absolute path, in {@value #CHOICE_FILE} in the platform's data folder
 * ({@link DataDirectories#platformFolder}). It takes effect at the next start.
 *
 * <p>Order at start: {@code --data-dir}, then {@code PONDER_HOME}, then the chosen folder, then the
 * platform's data folder.
 *
 * @param platformFolder the platform's per-user data folder, where the choice is kept
 * @param inUse          the folder this run uses
 * @param givenAtStart   whether {@code inUse} was given when Ponder started ({@code --data-dir} or
 *                       {@code PONDER_HOME}), which comes before the choice
 */
public record DataFolders(Path platformFolder, Path inUse, boolean givenAtStart) {

    /** The file in {@link #platformFolder} that holds the chosen folder. */
    public static final String CHOICE_FILE = "data-folder.txt";

    public DataFolders {
        Objects.requireNonNull(platformFolder, "platformFolder");
        Objects.requireNonNull(inUse, "inUse");
    }

    /**
     * The folders of a start with {@code dataDirOption} ({@code --data-dir}, or null) in this
     * environment.
     *
     * @param env      the process environment ({@code PONDER_HOME}, {@code XDG_DATA_HOME}, {@code APPDATA})
     * @param osName   value of {@code os.name}
     * @param userHome value of {@code user.home}
     */
    public static DataFolders atStart(Path dataDirOption, Map<String, String> env, String osName, String userHome) {
        Path platform = DataDirectories.platformFolder(env, osName, userHome);
        String home = env.get("PONDER_HOME");
        Path given = dataDirOption != null ? dataDirOption
                : home != null && !home.isBlank() ? Path.of(home) : null;
        if (given != null) {
            return new DataFolders(platform, given.toAbsolutePath(), true);
        }
        return new DataFolders(platform, chosen(platform).orElse(platform).toAbsolutePath(), false);
    }

    /** {@link #atStart} for this process. */
    public static DataFolders atStart(Path dataDirOption) {
        return atStart(dataDirOption, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    /**
     * The folders of a run that uses {@code inUse}: given at start when the environment and the
     * choice alone would have given another folder ({@code --data-dir}, or {@code PONDER_HOME}).
     */
    public static DataFolders forRun(Path inUse) {
        DataFolders withoutOption = atStart(null);
        boolean given = withoutOption.givenAtStart() || !withoutOption.inUse().equals(inUse.toAbsolutePath());
        return new DataFolders(withoutOption.platformFolder(), inUse.toAbsolutePath(), given);
    }

    /** The folder chosen in the Settings dialog, if any; an unreadable choice is logged and ignored. */
    public Optional<Path> chosen() {
        return chosen(platformFolder);
    }

    private static Optional<Path> chosen(Path platform) {
        Path file = platform.resolve(CHOICE_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(file, StandardCharsets.UTF_8).strip();
            Path p = Path.of(line);
            return line.isEmpty() || !p.isAbsolute() ? Optional.empty() : Optional.of(p);
        } catch (IOException | RuntimeException e) {
            // a logger made here, not at class loading: the log's folder is named only after the
            // data folder is known (CommonOptions), and the first logger fixes it
            LoggerFactory.getLogger(DataFolders.class).warn("The chosen data folder in {} could not be read; using {}",
                    file, platform, e);
            return Optional.empty();
        }
    }

    /**
     * The folder the next start uses, unless {@code --data-dir} or {@code PONDER_HOME} names another:
     * the chosen one, else the platform's.
     */
    public Path nextStart() {
        return chosen().orElse(platformFolder).toAbsolutePath();
    }

    /**
     * Makes {@code folder} the one the next start uses. The platform's own folder removes the
     * choice. Nothing is moved: the library stays where it is; a new folder starts empty unless it
     * holds a library already.
     *
     * @throws IOException              when the choice cannot be written
     * @throws IllegalArgumentException when {@code folder} is not an absolute path
     */
    public void choose(Path folder) throws IOException {
        if (!folder.isAbsolute()) {
            throw new IllegalArgumentException("The data folder must be a full path, e.g. "
                    + platformFolder.toAbsolutePath() + ".");
        }
        Path file = platformFolder.resolve(CHOICE_FILE);
        if (folder.normalize().equals(platformFolder.toAbsolutePath().normalize())) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(platformFolder);
        Path tmp = Files.createTempFile(platformFolder, "data-folder", ".tmp");
        try {
            Files.writeString(tmp, folder.normalize() + System.lineSeparator(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
