package dev.ponder.document.ocr;

/** Reading a page was stopped before it finished, because its caller asked to stop. */
public final class OcrStoppedException extends Exception {

    public OcrStoppedException() {
        super("Text recognition was stopped", null, false, false);
    }
}
