package dev.ponder.document.ocr;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sourceforge.tess4j.TessAPI;
import net.sourceforge.tess4j.util.LoadLibs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Tesseract's library through Tess4J's JNA binding ({@link TessAPI}) once per process and
 * finds its language data.
 *
 * <ul>
 * <li><b>Linux</b>: the system's {@code libtesseract.so.5} (Debian/Ubuntu {@code tesseract-ocr},
 *     5.3.0 on Debian 12); JNA finds the versioned file without the {@code -dev} package's link.</li>
 * <li><b>macOS</b>: Homebrew's {@code libtesseract.dylib} in {@code /opt/homebrew/lib} (Apple
 *     silicon) or {@code /usr/local/lib} (Intel), or MacPorts' in {@code /opt/local/lib}.</li>
 * <li><b>Windows</b>: the {@code libtesseract541.dll} inside the Tess4J jar, which
 *     {@link LoadLibs} unpacks; its English data comes from the jar too.</li>
 * </ul>
 *
 * <p>Tesseract parallelises with OpenMP. On a shared 2-core machine that made one page take 10 s
 * instead of 1.3 s (threads spinning against each other and the rest of Ponder), so the library is
 * loaded with {@code OMP_THREAD_LIMIT=1} unless the environment sets it, and each reading thread
 * asks OpenMP for one thread ({@link #oneOpenMpThread()}): OCR takes one core and leaves the others
 * to the window, questions and sleep-time compute.
 */
public final class TesseractLibrary {

    private static final Logger log = LoggerFactory.getLogger(TesseractLibrary.class);

    /** Where Tesseract keeps its language data on the systems Ponder knows, newest first. */
    static final List<String> TESSDATA_FOLDERS = List.of(
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
            "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata", "/opt/local/share/tessdata",
            "C:\\Program Files\\Tesseract-OCR\\tessdata");
    /** Where Homebrew and MacPorts put libraries, which JNA does not search by itself. */
    static final List<String> MAC_LIBRARY_FOLDERS = List.of("/opt/homebrew/lib", "/usr/local/lib", "/opt/local/lib");

    private static Loaded loaded;

    /** The library, its monitor functions and what is installed. */
    record Loaded(TessAPI api, MonitorApi monitor, OcrAvailability availability) {
    }

    /**
     * The parts of Tesseract's C API that Tess4J maps with a structure whose layout differs from
     * Tesseract 5's {@code ETEXT_DESC}; here the monitor is an opaque pointer, made and filled by
     * Tesseract's own {@code TessMonitor*} functions (capi.h), so no layout is assumed.
     */
    interface MonitorApi extends Library {
        Pointer TessMonitorCreate();

        void TessMonitorDelete(Pointer monitor);

        void TessMonitorSetCancelFunc(Pointer monitor, CancelFunction cancel);

        int TessBaseAPIRecognize(Pointer handle, Pointer monitor);
    }

    /** Tesseract's {@code TessCancelFunc}: asked between words whether to stop. */
    interface CancelFunction extends Callback {
        boolean invoke(Pointer cancelThis, int words);
    }

    /** OpenMP's own call (libgomp), present when Tesseract was built with it. */
    interface OpenMp extends Library {
        void omp_set_num_threads(int threads);
    }

    private TesseractLibrary() {
    }

    /** How long a failed load is trusted before a call tries again (Tesseract may have been installed meanwhile), in ms. */
    static final long RETRY_MILLIS = 5_000;
    private static long triedAt;

    /**
     * Whether OCR can run here; loads the library on the first call (tens of ms), and tries again
     * when it was not there and {@value #RETRY_MILLIS} ms have passed, so Tesseract installed while
     * Ponder runs is found (by Settings, or the next import). Never throws.
     */
    public static OcrAvailability availability() {
        return load().availability();
    }

    static synchronized Loaded load() {
        long now = System.nanoTime();
        if (loaded == null || loaded.api() == null && now - triedAt > RETRY_MILLIS * 1_000_000) {
            boolean again = loaded != null;
            loaded = tryLoad();
            triedAt = now;
            if (again && loaded.api() != null) {
                log.info("Tesseract is here now: scanned pages can be read");
            }
        }
        return loaded;
    }

    private static Loaded tryLoad() {
        InstallAdvice.OsFamily os = InstallAdvice.current();
        TessAPI api;
        MonitorApi monitor;
        try {
            api = loadApi();
            monitor = Native.load(LoadLibs.getTesseractLibName(), MonitorApi.class);
        } catch (LinkageError | RuntimeException e) {
            if (loaded == null) {
                log.info("Tesseract could not be loaded, so scanned pages cannot be read: {}", e.toString());
            }
            return new Loaded(null, null, new OcrAvailability.Unavailable("Tesseract is not installed.",
                    InstallAdvice.installTesseract(os)));
        }
        String version = api.TessVersion();
        Optional<Path> tessdata = tessdata();
        List<String> languages = tessdata.map(OcrLanguages::installed).orElse(List.of());
        if (languages.isEmpty()) {
            log.atLevel(loaded == null ? org.slf4j.event.Level.INFO : org.slf4j.event.Level.DEBUG).log("Tesseract {} has no language data (looked in {})", version, tessdata.map(Path::toString)
                    .orElse(String.join(", ", TESSDATA_FOLDERS)));
            return new Loaded(null, null, new OcrAvailability.Unavailable("Tesseract has no language data installed.",
                    InstallAdvice.installLanguage(os, OcrLanguages.ENGLISH, "English")));
        }
        boolean osd = Files.isRegularFile(tessdata.get().resolve(OcrLanguages.OSD + ".traineddata"));
        log.info("Tesseract {} reads scanned pages; languages {} in {}{}", version, languages, tessdata.get(),
                osd ? "" : " (no osd.traineddata: pages scanned sideways are read as they lie)");
        return new Loaded(api, monitor, new OcrAvailability.Available(version, tessdata.get(), languages, osd));
    }

    private static TessAPI loadApi() {
        if (Platform.isWindows()) {
            return LoadLibs.getTessAPIInstance();
        }
        limitOpenMpThreads();
        if (Platform.isMac()) {
            String path = System.getProperty("jna.library.path");
            List<String> folders = new ArrayList<>(MAC_LIBRARY_FOLDERS);
            if (path != null && !path.isBlank()) {
                folders.add(0, path);
            }
            System.setProperty("jna.library.path", String.join(File.pathSeparator, folders));
        }
        return Native.load(LoadLibs.getTesseractLibName(), TessAPI.class);
    }

    /** The folder of Tesseract's language data: {@code TESSDATA_PREFIX}, the usual folders, or Tess4J's own (Windows). */
    static Optional<Path> tessdata() {
        List<Path> candidates = new ArrayList<>();
        String prefix = System.getenv("TESSDATA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            Path p = Path.of(prefix);
            candidates.add(p);
            candidates.add(p.resolve("tessdata"));
        }
        TESSDATA_FOLDERS.forEach(f -> candidates.add(Path.of(f)));
        for (Path c : candidates) {
            if (!OcrLanguages.installed(c).isEmpty()) {
                return Optional.of(c);
            }
        }
        if (Platform.isWindows()) {
            File extracted = LoadLibs.extractTessResources("tessdata");
            if (extracted != null && !OcrLanguages.installed(extracted.toPath()).isEmpty()) {
                return Optional.of(extracted.toPath());
            }
        }
        return Optional.empty();
    }

    /** {@code OMP_THREAD_LIMIT=1} for libgomp, which reads it when Tesseract loads it, unless already set. */
    private static void limitOpenMpThreads() {
        try {
            Posix libc = Native.load(Platform.C_LIBRARY_NAME, Posix.class);
            libc.setenv("OMP_THREAD_LIMIT", "1", 0);
        } catch (LinkageError | RuntimeException e) {
            log.debug("Could not set OMP_THREAD_LIMIT: {}", e.toString());
        }
    }

    interface Posix extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Linux's calls for one thread's nice value (glibc 2.30 or later has {@code gettid}). */
    interface LinuxThreads extends Library {
        int gettid();

        int setpriority(int which, int who, int priority);
    }

    /** The nice value OCR's thread runs at on Linux: the usual one for background work ({@code nice}'s default). */
    static final int BACKGROUND_NICE = 10;
    private static final int PRIO_PROCESS = 0;

    /**
     * Puts the calling thread at background priority: on Linux its nice value becomes
     * {@value #BACKGROUND_NICE} (a thread of its own has one; Java's own priorities are ignored there),
     * elsewhere Java's lowest priority (which Windows applies). For a thread that does only background
     * work: an unprivileged process cannot raise it back. Does nothing when the call is not there.
     */
    public static void backgroundPriority() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        if (!Platform.isLinux()) {
            return;
        }
        try {
            LinuxThreads linux = Native.load(Platform.C_LIBRARY_NAME, LinuxThreads.class);
            if (linux.setpriority(PRIO_PROCESS, linux.gettid(), BACKGROUND_NICE) != 0) {
                log.debug("Could not lower the priority of {}", Thread.currentThread().getName());
            }
        } catch (LinkageError | RuntimeException e) {
            log.debug("Could not lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
        }
    }

    /**
     * Asks OpenMP for one thread on the calling thread (its setting is per thread), in case libgomp
     * was loaded before {@code OMP_THREAD_LIMIT} was set. Does nothing where Tesseract has no OpenMP.
     */
    static void oneOpenMpThread() {
        if (Platform.isWindows()) {
            return;
        }
        try {
            OpenMp omp = Native.load("gomp", OpenMp.class);
            omp.omp_set_num_threads(1);
        } catch (LinkageError | RuntimeException e) {
            log.trace("No OpenMP to limit: {}", e.toString());
        }
    }
}
