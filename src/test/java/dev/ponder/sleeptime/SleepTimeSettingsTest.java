package dev.ponder.sleeptime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idle threshold and k changed while Ponder runs (Settings dialog) apply without a restart. */
class SleepTimeSettingsTest {

    @TempDir
    Path dir;
    private SleepTimeHarness h;

    @BeforeEach
    void setUp() {
        h = new SleepTimeHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aLongerIdleTimeHoldsSleepTimeBackAndAShorterOneWithTwoGenerationsLetsItRun() throws Exception {
        h.addDocument("service-note.pdf", "The warranty lasts 27 months from the date of purchase.",
                "The display shows error E7 when the motor overheats.");
        h.awaitState(SleepTimeState.USER_ACTIVE);

        h.settings = h.settings.withIdleThreshold(Duration.ofMinutes(10));
        h.clock.advance(Duration.ofMinutes(2));
        Thread.sleep(500);
        assertEquals(0, h.ollama.requestCount("/api/chat"), "two minutes away is not yet ten");

        h.settings = h.settings.withIdleThreshold(Duration.ofMinutes(1)).withSleepGenerations(2);
        h.awaitState(SleepTimeState.READY);
        assertEquals(2, h.requests(ScriptedSleepModel.Task.ANTICIPATED_QUESTIONS).size(), "k = 2 generations");
    }
}
