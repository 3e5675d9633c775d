package dev.ponder.document;

/** An import was stopped on request ({@link ImportProgress#cancelled()} or a thread interrupt). */
public final class ImportCancelledException extends Exception {

    public ImportCancelledException() {
        super("import cancelled", null, false, false);
    }
}
