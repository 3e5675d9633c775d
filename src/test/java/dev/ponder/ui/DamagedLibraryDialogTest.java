package dev.ponder.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dialog a damaged library brings up at start, clicked as a person would. */
@ExtendWith(ApplicationExtension.class)
class DamagedLibraryDialogTest {

    @Start
    void start(Stage stage) {
        // the dialog makes its own stage
    }

    private DamagedLibraryDialog show(Optional<String> backup) throws Exception {
        AtomicReference<DamagedLibraryDialog> dialog = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            DamagedLibraryDialog d = new DamagedLibraryDialog("The library /data/ponder.mv.db is damaged "
                    + "(parts of it are missing); the file was left as it is.", backup, "ponder.mv.db.damaged-20250101-120000");
            d.stage().show();
            dialog.set(d);
        }).get();
        return dialog.get();
    }

    @Test
    void useTheBackupIsOfferedWhenThereIsOneAndChosenByItsButton(FxRobot robot) throws Exception {
        DamagedLibraryDialog dialog = show(Optional.of("ponder.mv.db.last-good.bak"));
        assertTrue(robot.lookup("#damaged-text").queryAs(Label.class).getText().contains("/data/ponder.mv.db"));
        assertEquals("Use the backup (ponder.mv.db.last-good.bak)",
                robot.lookup("#use-backup").queryAs(Button.class).getText());

        robot.clickOn("#use-backup");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(DamagedLibraryDialog.Choice.USE_BACKUP, dialog.choice());
        assertFalse(dialog.stage().isShowing());
    }

    @Test
    void withoutABackupItOffersAnEmptyLibraryThatKeepsTheDamagedFile(FxRobot robot) throws Exception {
        DamagedLibraryDialog dialog = show(Optional.empty());
        assertTrue(robot.lookup("#use-backup").tryQuery().isEmpty(), "no backup to use");
        assertEquals("Start with an empty library (the damaged file is kept as ponder.mv.db.damaged-20250101-120000)",
                robot.lookup("#start-empty").queryAs(Button.class).getText());

        robot.clickOn("#start-empty");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(DamagedLibraryDialog.Choice.START_EMPTY, dialog.choice());
    }

    @Test
    void closingTheDialogIsQuit(FxRobot robot) throws Exception {
        DamagedLibraryDialog dialog = show(Optional.of("ponder.mv.db.last-good.bak"));
        robot.clickOn("#quit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(DamagedLibraryDialog.Choice.QUIT, dialog.choice());

        DamagedLibraryDialog closed = show(Optional.empty());
        WaitForAsyncUtils.asyncFx(() -> closed.stage().close()).get();
        assertEquals(DamagedLibraryDialog.Choice.QUIT, closed.choice());
    }
}
