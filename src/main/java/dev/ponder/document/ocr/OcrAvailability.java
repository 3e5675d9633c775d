package dev.ponder.document.ocr;

import java.nio.file.Path;
import java.util.List;

/** Whether Ponder can read scanned pages on this computer, and with which languages. */
public sealed interface OcrAvailability permits OcrAvailability.Available, OcrAvailability.Unavailable {

    /**
     * Tesseract is loaded and has language data.
     *
     * @param version   Tesseract's own version, e.g. "5.3.0"
     * @param tessdata  the folder its language data ({@code *.traineddata}) is read from
     * @param languages the installed languages, by Tesseract's code ("eng", "deu", "chi_sim"), sorted;
     *                  never empty; without the script-detection data {@code osd}
     * @param detectsOrientation whether {@code osd.traineddata} is installed, so pages scanned sideways
     *                  or upside down are turned before they are read
     */
    record Available(String version, Path tessdata, List<String> languages, boolean detectsOrientation)
            implements OcrAvailability {
        public Available {
            languages = List.copyOf(languages);
            if (languages.isEmpty()) {
                throw new IllegalArgumentException("Tesseract without languages is not available");
            }
        }
    }

    /**
     * Tesseract cannot be used here.
     *
     * @param reason       what is missing, one sentence ("Tesseract is not installed.")
     * @param howToInstall what to do about it on this system, a phrase that follows "To read scanned
     *                     pages, " ("install Tesseract (on Debian or Ubuntu: sudo apt install tesseract-ocr)")
     */
    record Unavailable(String reason, String howToInstall) implements OcrAvailability {
    }
}
