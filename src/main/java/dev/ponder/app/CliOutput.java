package dev.ponder.app;

import dev.ponder.settings.Advice;
import dev.ponder.store.StoreException;

/** How the command line turns failures into the one sentence it prints. */
final class CliOutput {

    private CliOutput() {
    }

    /**
     * A sentence written for the window and the terminal alike, made right for a terminal: there
     * is no Retry button here, the user runs the command again, and settings are named by their
     * command-line options ({@link Advice#forTerminal}).
     */
    static String forTerminal(String sentence) {
        return Advice.forTerminal(sentence);
    }

    /** "1 page", "3 pages". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The user-facing sentence of a failure: our own exceptions carry one; others get a generic one. */
    static String sentence(Throwable e) {
        if (e instanceof StoreException) {
            return Advice.forTerminal(e.getMessage());
        }
        if (e instanceof CommonOptions.BadOption) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "something went wrong (" + detail + "). The log in the data folder has the details.";
    }
}
