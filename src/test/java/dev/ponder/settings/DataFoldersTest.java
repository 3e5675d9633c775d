package dev.ponder.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the library lives at start: --data-dir, PONDER_HOME, the folder chosen in Settings, the platform's. */
class DataFoldersTest {

    @TempDir
    Path home;

    private Map<String, String> env(String... pairs) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>();
        env.put("XDG_DATA_HOME", home.resolve("xdg").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aFolderChosenInSettingsIsUsedAtTheNextStartUnlessTheStartNamesAnother() throws Exception {
        Path platform = home.resolve("xdg").resolve("ponder");
        DataFolders first = DataFolders.atStart(null, env(), "Linux", home.toString());
        assertEquals(platform, first.inUse());
        assertFalse(first.givenAtStart());

        Path chosen = home.resolve("library on usb").toAbsolutePath();
        first.choose(chosen);

        DataFolders next = DataFolders.atStart(null, env(), "Linux", home.toString());
        assertEquals(chosen, next.inUse(), "the next start uses the chosen folder");
        assertEquals(home.resolve("given"), DataFolders.atStart(home.resolve("given"), env(), "Linux", home.toString())
                .inUse(), "--data-dir comes first");
        DataFolders ponderHome = DataFolders.atStart(null, env("PONDER_HOME", home.resolve("ph").toString()), "Linux",
                home.toString());
        assertEquals(home.resolve("ph"), ponderHome.inUse(), "then PONDER_HOME");
        assertTrue(ponderHome.givenAtStart());

        next.choose(platform);
        assertFalse(Files.exists(platform.resolve(DataFolders.CHOICE_FILE)), "choosing the platform's folder forgets the choice");
        assertEquals(platform, DataFolders.atStart(null, env(), "Linux", home.toString()).inUse());
    }
}
