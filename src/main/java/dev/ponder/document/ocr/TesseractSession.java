package dev.ponder.document.ocr;

import com.sun.jna.Pointer;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * One Tesseract engine, started for a set of languages, reading page images one after another.
 * Not thread-safe: one session per thread. Starting one loads the language data (0.1–1 s), so a
 * session is kept for all the scanned pages of a document. Close it to free the engine.
 *
 * <p>Pages are binarised with Sauvola's local threshold, which copes with faint print on grey or
 * speckled paper, and read with automatic page segmentation (columns become separate blocks, read one
 * after the other) and, where {@code osd.traineddata} is installed, orientation detection, so a page
 * scanned sideways or upside down is read the right way up; the word boxes stay in the pixels of
 * the image as given. Reading stops between words when the caller asks (Tesseract's cancel
 * callback, capi.h {@code TessMonitorSetCancelFunc}).
 */
public final class TesseractSession implements AutoCloseable {

    /**
     * Tesseract 5's {@code thresholding_method} for Sauvola's local threshold: the global Otsu
     * threshold read nothing on a faint grey scan with speckled paper; Sauvola read it and the corpus
     * memo alike, at about 1.3× the time.
     */
    static final String SAUVOLA = "2";

    private final TessAPI api;
    private final TesseractLibrary.MonitorApi monitorApi;
    private final TessBaseAPI handle;
    private final String languages;
    private boolean closed;

    private TesseractSession(TessAPI api, TesseractLibrary.MonitorApi monitorApi, TessBaseAPI handle, String languages) {
        this.api = api;
        this.monitorApi = monitorApi;
        this.handle = handle;
        this.languages = languages;
    }

    /**
     * Starts Tesseract for {@code languages} ("deu+eng").
     *
     * @throws OcrException when Tesseract is not available here or cannot load these languages
     */
    public static TesseractSession open(String languages) throws OcrException {
        TesseractLibrary.Loaded lib = TesseractLibrary.load();
        if (!(lib.availability() instanceof OcrAvailability.Available available)) {
            throw new OcrException(((OcrAvailability.Unavailable) lib.availability()).reason());
        }
        TessAPI api = lib.api();
        TessBaseAPI handle = api.TessBaseAPICreate();
        int failed = api.TessBaseAPIInit2(handle, available.tessdata().toString(), languages,
                net.sourceforge.tess4j.ITessAPI.TessOcrEngineMode.OEM_DEFAULT);
        if (failed != 0) {
            api.TessBaseAPIDelete(handle);
            throw new OcrException("Tesseract could not load the languages " + languages + " from " + available.tessdata());
        }
        api.TessBaseAPISetPageSegMode(handle, pageSegMode(available));
        api.TessBaseAPISetVariable(handle, "thresholding_method", SAUVOLA);
        // Tesseract's remarks ("OSD: Weak margin …") go to stderr otherwise, once a page
        api.TessBaseAPISetVariable(handle, "debug_file", com.sun.jna.Platform.isWindows() ? "NUL" : "/dev/null");
        return new TesseractSession(api, lib.monitor(), handle, languages);
    }

    /** Automatic page segmentation, with orientation detection when its data is installed. */
    private static int pageSegMode(OcrAvailability.Available available) {
        return available.detectsOrientation() ? TessPageSegMode.PSM_AUTO_OSD : TessPageSegMode.PSM_AUTO;
    }

    /**
     * The {@code tesseract} command line's options that read a page as a session does (page
     * segmentation, binarisation), for a reference timing: e.g. {@code --psm 1 -c thresholding_method=2}.
     */
    public static List<String> commandLineOptions(OcrAvailability.Available available) {
        return List.of("--psm", Integer.toString(pageSegMode(available)), "-c", "thresholding_method=" + SAUVOLA);
    }

    /** The languages this session reads with, e.g. "deu+eng". */
    public String languages() {
        return languages;
    }

    /**
     * Reads {@code image}.
     *
     * @param image an 8-bit grey image ({@link BufferedImage#TYPE_BYTE_GRAY}) of one page
     * @param dpi   its resolution, in pixels per inch (Tesseract judges letter sizes by it)
     * @param stop  asked between words; true stops the reading
     * @throws OcrStoppedException when {@code stop} said so
     * @throws IllegalArgumentException when the image is not 8-bit grey
     */
    public RecognisedPage recognise(BufferedImage image, int dpi, BooleanSupplier stop) throws OcrStoppedException {
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            throw new IllegalArgumentException("Tesseract is given 8-bit grey images, not type " + image.getType());
        }
        if (closed) {
            throw new IllegalStateException("This Tesseract session is closed");
        }
        TesseractLibrary.oneOpenMpThread();
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer buffer = ByteBuffer.allocateDirect(width * height);
        for (int y = 0; y < height; y++) {
            buffer.put(pixels, y * width, width);
        }
        buffer.flip();
        api.TessBaseAPISetImage(handle, buffer, width, height, 1, width);
        api.TessBaseAPISetSourceResolution(handle, dpi);
        Pointer monitor = monitorApi.TessMonitorCreate();
        TesseractLibrary.CancelFunction cancel = (cancelThis, words) -> stop.getAsBoolean();
        try {
            monitorApi.TessMonitorSetCancelFunc(monitor, cancel);
            monitorApi.TessBaseAPIRecognize(handle.getPointer(), monitor);
            if (stop.getAsBoolean()) {
                throw new OcrStoppedException();
            }
            return new RecognisedPage(width, height, words());
        } finally {
            monitorApi.TessMonitorDelete(monitor);
            api.TessBaseAPIClear(handle);
            // the callback must stay reachable until Tesseract can no longer call it
            java.lang.ref.Reference.reachabilityFence(cancel);
        }
    }

    private List<OcrWord> words() {
        List<OcrWord> words = new ArrayList<>();
        TessResultIterator ri = api.TessBaseAPIGetIterator(handle);
        if (ri == null) {
            return words;
        }
        try {
            TessPageIterator pi = api.TessResultIteratorGetPageIterator(ri);
            int block = -1;
            int paragraph = -1;
            int line = -1;
            do {
                if (api.TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_BLOCK) != 0) {
                    block++;
                }
                if (api.TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_PARA) != 0) {
                    paragraph++;
                }
                if (api.TessPageIteratorIsAtBeginningOf(pi, TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
                    line++;
                }
                Pointer text = api.TessResultIteratorGetUTF8Text(ri, TessPageIteratorLevel.RIL_WORD);
                if (text == null) {
                    continue;
                }
                String word = text.getString(0, "UTF-8").strip();
                api.TessDeleteText(text);
                if (word.isEmpty()) {
                    continue;
                }
                float confidence = api.TessResultIteratorConfidence(ri, TessPageIteratorLevel.RIL_WORD);
                IntBuffer left = IntBuffer.allocate(1);
                IntBuffer top = IntBuffer.allocate(1);
                IntBuffer right = IntBuffer.allocate(1);
                IntBuffer bottom = IntBuffer.allocate(1);
                api.TessPageIteratorBoundingBox(pi, TessPageIteratorLevel.RIL_WORD, left, top, right, bottom);
                words.add(new OcrWord(word, confidence, left.get(0), top.get(0), right.get(0), bottom.get(0),
                        Math.max(block, 0), Math.max(paragraph, 0), Math.max(line, 0)));
            } while (api.TessResultIteratorNext(ri, TessPageIteratorLevel.RIL_WORD) != 0);
        } finally {
            api.TessResultIteratorDelete(ri);
        }
        return words;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            api.TessBaseAPIEnd(handle);
            api.TessBaseAPIDelete(handle);
        }
    }
}
