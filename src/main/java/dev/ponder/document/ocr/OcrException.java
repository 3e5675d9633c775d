package dev.ponder.document.ocr;

/** Tesseract could not be started or could not read a page; the message says why, for the log. */
public class OcrException extends Exception {

    public OcrException(String message) {
        super(message);
    }
}
