package dev.ponder.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoriesTest {

    @Test
    void eachPlatformGetsItsOwnDataFolderAndPonderHomeOverridesThemAll() {
        assertEquals(Path.of("/home/ada/.local/share/ponder"),
                DataDirectories.platformDefault(Map.of(), "Linux", "/home/ada"));
        assertEquals(Path.of("/xdg/ponder"),
                DataDirectories.platformDefault(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", "/home/ada"));
        assertEquals(Path.of("/Users/ada/Library/Application Support/Ponder"),
                DataDirectories.platformDefault(Map.of(), "Mac OS X", "/Users/ada"));
        assertEquals(Path.of("C:/Users/ada/AppData/Roaming", "Ponder"),
                DataDirectories.platformDefault(Map.of("APPDATA", "C:/Users/ada/AppData/Roaming"), "Windows 11", "C:/Users/ada"));
        assertEquals(Path.of("/data/p"),
                DataDirectories.platformDefault(Map.of("PONDER_HOME", "/data/p"), "Linux", "/home/ada"));
    }
}
