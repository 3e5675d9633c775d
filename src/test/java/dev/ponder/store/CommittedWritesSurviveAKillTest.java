package dev.ponder.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write whose commit returned survives a kill -9, in libraries aged the way users age them
 * (ADR 0011): {@link KilledRuns} builds the library over runs of {@link AgingChild} (imports,
 * re-imports, removals, sleep-time notes, hundreds of answers, killed runs among clean ones), then
 * kills child JVMs at random kill points (right after a commit returned, right after an answer was
 * saved and printed, during an import, during a sleep-time step, while an answer streams, during a
 * clean close, and — one run in twelve — Ponder's window right after it showed an answer,
 * {@code dev.ponder.ui.ShownAnswerChild}) and after each one checks every row of the ledger (the
 * answers the window showed among them) and that the library opens without its backup. The figures
 * print the kills per point; a kill at {@code close} that landed after the close had finished
 * counts as {@code after-close}.
 *
 * <p>Without {@code REUSE_SPACE=FALSE} the default run lost answers within its first kills (H2
 * wrote a commit into free space inside the file and its open after the kill did not find it).
 * Seed: {@code -Dponder.kill.seed=N} repeats a run; the seed used is printed.
 */
class CommittedWritesSurviveAKillTest {

    @TempDir
    Path dir;

    private static long seed() {
        long seed = Long.getLong("ponder.kill.seed", System.nanoTime());
        System.out.println("CommittedWritesSurviveAKillTest seed: " + seed + " (rerun with -Dponder.kill.seed=" + seed + ")");
        return seed;
    }

    /** The fast subset of the default run: one aged library, 20 kills. */
    @Test
    void twentyKillsOfAnAgedLibraryLoseNoCommittedRow() throws Exception {
        KilledRuns runs = new KilledRuns(dir.resolve("data"), seed()).age(3, 60);
        KilledRuns.Figures figures = runs.kill(20, 10);
        System.out.println("CommittedWritesSurviveAKillTest: " + figures.summary());
        assertTrue(figures.kills() >= 20);
        assertEquals(java.util.List.of(), figures.lost(), "rows whose commit returned are there after every kill");
        assertEquals(0, figures.librariesNeedingBackup());
    }

    /**
     * The reliability tier: four libraries, each aged anew, 50 kills each (200 in all). Run with
     * {@code mvn test -Dsurefire.excludedGroups= -Dgroups=reliability -Dtest=CommittedWritesSurviveAKillTest}.
     */
    @Test
    @Tag("reliability")
    void twoHundredKillsOfAgedLibrariesLoseNoCommittedRow() throws Exception {
        long seed = seed();
        int kills = 0;
        long rows = 0;
        int needingBackup = 0;
        java.util.List<String> lost = new java.util.ArrayList<>();
        for (int library = 0; library < 4; library++) {
            KilledRuns runs = new KilledRuns(dir.resolve("library-" + library), seed + library).age(6, 80);
            KilledRuns.Figures figures = runs.kill(50, 15);
            System.out.println("CommittedWritesSurviveAKillTest library " + library + ": " + figures.summary());
            kills += figures.kills();
            rows += figures.rowsChecked();
            needingBackup += figures.librariesNeedingBackup();
            lost.addAll(figures.lost());
        }
        System.out.println("CommittedWritesSurviveAKillTest total: " + kills + " kills, " + rows + " rows checked, "
                + lost.size() + " lost, " + needingBackup + " libraries needing their backup");
        assertTrue(kills >= 200);
        assertEquals(java.util.List.of(), lost);
        assertEquals(0, needingBackup);
    }
}
