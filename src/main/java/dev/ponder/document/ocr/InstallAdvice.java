package dev.ponder.document.ocr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How to install Tesseract on the system Ponder runs on, in one sentence. Linux distributions are
 * told apart by {@code /etc/os-release} ({@code ID} and {@code ID_LIKE}); the package names are
 * those of Debian/Ubuntu ({@code tesseract-ocr}, {@code tesseract-ocr-LANG}), Fedora
 * ({@code tesseract}, {@code tesseract-langpack-LANG}), Arch ({@code tesseract},
 * {@code tesseract-data-LANG}), openSUSE ({@code tesseract-ocr}, {@code tesseract-ocr-traineddata-LANG})
 * and Homebrew ({@code tesseract}, {@code tesseract-lang}). On Windows, Tess4J brings Tesseract
 * with it.
 */
public final class InstallAdvice {

    /** The operating systems whose advice differs. */
    public enum OsFamily {
        DEBIAN, FEDORA, ARCH, SUSE, OTHER_LINUX, MAC, WINDOWS, OTHER
    }

    private InstallAdvice() {
    }

    /** The system Ponder runs on. */
    public static OsFamily current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return OsFamily.WINDOWS;
        }
        if (os.startsWith("mac")) {
            return OsFamily.MAC;
        }
        if (os.startsWith("linux")) {
            return linux(Path.of("/etc/os-release"));
        }
        return OsFamily.OTHER;
    }

    /** The Linux distribution family {@code osRelease} names. */
    static OsFamily linux(Path osRelease) {
        String ids;
        try {
            ids = Files.readAllLines(osRelease).stream()
                    .filter(l -> l.startsWith("ID=") || l.startsWith("ID_LIKE="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "").toLowerCase(Locale.ROOT))
                    .reduce("", (a, b) -> a + " " + b);
        } catch (IOException | RuntimeException e) {
            return OsFamily.OTHER_LINUX;
        }
        if (ids.matches(".*\\b(debian|ubuntu)\\b.*")) {
            return OsFamily.DEBIAN;
        }
        if (ids.matches(".*\\b(fedora|rhel|centos)\\b.*")) {
            return OsFamily.FEDORA;
        }
        if (ids.matches(".*\\barch\\b.*")) {
            return OsFamily.ARCH;
        }
        if (ids.matches(".*\\b(suse|opensuse)\\b.*")) {
            return OsFamily.SUSE;
        }
        return OsFamily.OTHER_LINUX;
    }

    /**
     * What to do to get Tesseract, as a phrase to follow "To read scanned pages, ": "install Tesseract
     * (on Debian or Ubuntu: sudo apt install tesseract-ocr)" and the like.
     */
    public static String installTesseract(OsFamily system) {
        return switch (system) {
            case DEBIAN -> "install Tesseract (on Debian or Ubuntu: sudo apt install tesseract-ocr)";
            case FEDORA -> "install Tesseract (on Fedora: sudo dnf install tesseract)";
            case ARCH -> "install Tesseract (on Arch: sudo pacman -S tesseract tesseract-data-eng)";
            case SUSE -> "install Tesseract (on openSUSE: sudo zypper install tesseract-ocr)";
            case OTHER_LINUX -> "install Tesseract OCR from your distribution's packages";
            case MAC -> "install Tesseract with Homebrew (brew install tesseract)";
            case WINDOWS -> "install the Microsoft Visual C++ Redistributable (x64), which Ponder's built-in Tesseract "
                    + "needs, and restart Ponder";
            case OTHER -> "install Tesseract OCR";
        };
    }

    /**
     * What to do to get a language's data, as a phrase like {@link #installTesseract}: "install
     * Tesseract's English language data (sudo apt install tesseract-ocr-eng)"; {@code language} is
     * Tesseract's code ("eng", "deu").
     */
    public static String installLanguage(OsFamily system, String language, String languageName) {
        String what = "install Tesseract's " + languageName + " language data";
        String pack = language.replace('_', '-').toLowerCase(Locale.ROOT);
        return switch (system) {
            case DEBIAN -> what + " (sudo apt install tesseract-ocr-" + pack + ")";
            case FEDORA -> what + " (sudo dnf install tesseract-langpack-" + pack + ")";
            case ARCH -> what + " (sudo pacman -S tesseract-data-" + language + ")";
            case SUSE -> what + " (sudo zypper install tesseract-ocr-traineddata-" + language + ")";
            case MAC -> what + " (brew install tesseract-lang)";
            default -> what + " (" + language + ".traineddata, in Tesseract's tessdata folder)";
        };
    }
}
