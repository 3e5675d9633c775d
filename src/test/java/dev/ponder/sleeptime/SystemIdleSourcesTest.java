package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JNA sources, as far as this machine allows: X11 through a real Xvfb server when one is installed. */
class SystemIdleSourcesTest {

    @Test
    void withoutADisplayPonderFallsBackToItsOwnWindow() {
        SystemIdle idle = SystemIdleSources.detect("Linux", Map.of());
        assertEquals(SystemIdle.none(), idle);
        assertTrue(idle.idleMillis().isEmpty());
    }

    @Test
    void aDisplayThatCannotBeOpenedFallsBackToo() {
        SystemIdle idle = SystemIdleSources.detect("Linux", Map.of("DISPLAY", ":97"));
        assertEquals(SystemIdle.none(), idle);
    }

    @Test
    void anOperatingSystemWithoutItsLibrariesFallsBack() {
        // on Linux, user32 and IOKit do not exist: the UnsatisfiedLinkError is caught
        assertEquals(SystemIdle.none(), SystemIdleSources.detect("Windows 11", Map.of()));
        assertEquals(SystemIdle.none(), SystemIdleSources.detect("Mac OS X", Map.of()));
    }

    @Test
    void x11ReportsIdleTimeThroughTheScreenSaverExtension() throws Exception {
        Path xvfb = Path.of("/usr/bin/Xvfb");
        assumeTrue(Files.isExecutable(xvfb), "Xvfb not installed");
        String display = ":" + (90 + ProcessHandle.current().pid() % 9);
        Process server = new ProcessBuilder(xvfb.toString(), display, "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            SystemIdle idle = SystemIdle.none();
            for (int i = 0; i < 50 && idle == SystemIdle.none(); i++) {
                Thread.sleep(100);
                idle = SystemIdleSources.detect("Linux", Map.of("DISPLAY", display));
            }
            assumeTrue(idle != SystemIdle.none(), "Xvfb did not come up");
            try (SystemIdle x11 = idle) {
                assertEquals("X11 screen-saver extension", x11.description());
                OptionalLong first = x11.idleMillis();
                assertTrue(first.isPresent());
                Thread.sleep(300);
                assertTrue(x11.idleMillis().getAsLong() >= first.getAsLong() + 200,
                        "idle time grows while nobody touches the (virtual) keyboard");
            }
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
