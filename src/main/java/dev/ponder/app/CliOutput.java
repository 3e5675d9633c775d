package dev.ponder.app;

import dev.ponder.store.StoreException;

/** How the command line turns failures into the one sentence it prints. */
final class CliOutput {

    private CliOutput() {
    }

    /** The user-facing sentence of a failure: our own exceptions carry one; others get a generic one. */
    static String sentence(Throwable e) {
        if (e instanceof StoreException) {
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
