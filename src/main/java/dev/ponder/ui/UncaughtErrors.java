package dev.ponder.ui;

import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last resort for exceptions nobody handled on the FX thread: logged once with the stack trace,
 * shown to the user as one short sentence (never a stack trace). At most one dialog at a time, so
 * an error repeated every frame does not bury the window in dialogs.
 */
public final class UncaughtErrors {

    private static final Logger log = LoggerFactory.getLogger(UncaughtErrors.class);
    private static boolean dialogShowing;

    private UncaughtErrors() {
    }

    /** Installs the handler on the calling thread, which must be the FX application thread. */
    public static void installOnFxThread(Window owner) {
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> handle(owner, error));
    }

    static void handle(Window owner, Throwable error) {
        log.error("Unexpected error on the UI thread", error);
        if (dialogShowing) {
            return;
        }
        try {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            if (owner != null && owner.isShowing()) {
                alert.initOwner(owner);
            }
            alert.setTitle("Ponder");
            alert.setHeaderText("Something went wrong");
            alert.setContentText(sentence(error)
                    + " You can keep working; the details are in Ponder's log.");
            dialogShowing = true;
            alert.setOnHidden(e -> dialogShowing = false);
            alert.show();
        } catch (RuntimeException e) {
            dialogShowing = false;
            log.error("Could not show the error dialog", e);
        }
    }

    /** One sentence for the user: the exception's own message when it is short, else a generic one. */
    static String sentence(Throwable error) {
        String message = UserText.sentence(error.getMessage());
        if (message != null && !message.isBlank() && message.length() <= 160 && !message.contains("\n")
                && !message.contains("Exception")) {
            return message.endsWith(".") ? message : message + ".";
        }
        return "Ponder hit an unexpected problem.";
    }
}
