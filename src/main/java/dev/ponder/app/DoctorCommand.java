package dev.ponder.app;

import dev.ponder.llm.ServerStatus;
import dev.ponder.settings.Settings;
import dev.ponder.document.ocr.OcrAvailability;
import dev.ponder.document.ocr.OcrLanguages;
import dev.ponder.document.ocr.TesseractLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ponder doctor}: checks the library and the model server, says what to fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check that the library opens and the model server (Ollama or OpenAI-compatible) is ready. Exits 1 when something needs fixing.")
final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    PonderCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings settings = parent.options.toSettings(System.getenv());
        RemoteOllama.warning(settings.ollamaUrl()).ifPresent(w -> err.println("Ponder: " + w));
        out.println("Ponder " + PonderVersion.current());
        out.println("Data folder: " + settings.dataDir());
        boolean ok;
        try (Ponder ponder = Ponder.open(settings)) {
            var documents = ponder.library().all();
            long ready = documents.stream().filter(d -> d.status().answerable()).count();
            out.printf("Library: OK — %s (%d ready to ask about), database %s%n",
                    CliOutput.count(documents.size(), "document"), ready, ponder.database().file());
            boolean libraryOk = true;
            var interrupted = documents.stream().filter(d -> d.status() == dev.ponder.store.DocumentStatus.IMPORTING
                    || d.status() == dev.ponder.store.DocumentStatus.QUEUED).toList();
            for (var d : interrupted) {
                err.println("Not imported yet: " + d.fileName() + " (" + d.path() + ") — its import was interrupted; "
                        + "`ponder import` or the window finishes it.");
                libraryOk = false;
            }
            var readOnly = ponder.database().readOnly();
            if (readOnly.isPresent()) {
                err.println("Library: " + dev.ponder.store.Database.readOnlySentence(readOnly.get()));
                libraryOk = false;
            }
            ServerStatus status = ponder.modelServer().check();
            out.println((settings.usesOpenAi() ? "OpenAI-compatible server: " : "Ollama: ") + status.url()
                    + (settings.usesOpenAi() ? (settings.openAi().hasApiKey() ? " (API key set)" : " (no API key)") : "")
                    + (status.reachable()
                    ? " — reachable" + status.version().map(v -> ", version " + v).orElse("")
                    : " — not reachable"));
            if (status.reachable()) {
                out.println("Models: " + (status.models().isEmpty() ? "none" : String.join(", ", status.models())));
            }
            if (status.model() != null && settings.usesOpenAi()) {
                out.printf("Model: %s — Ponder plans for a context of %d tokens (the setting; the server does not "
                        + "report it)%n", status.model(), status.contextTokens());
            } else if (status.model() != null) {
                out.printf("Model: %s — Ponder sends num_ctx %d tokens (capped at %d)%n", status.model(),
                        status.contextTokens(), settings.maxContextTokens());
            }
            status.problem().ifPresent(p -> err.println("Problem: " + CliOutput.forTerminal(p)));
            out.println(ocr(ponder.settings().ocrLanguages()));
            ok = status.ready() && libraryOk;
        } catch (dev.ponder.store.StoreException e) {
            err.println("Library: " + e.getMessage());
            ok = false;
        }
        out.println(ok ? "Everything is ready." : "Something needs fixing (see above).");
        return ok ? 0 : 1;
    }

    /**
     * "OCR: Tesseract 5.3.0 — languages installed: deu, eng, fra; scanned pages are read in deu+eng",
     * or why scanned pages cannot be read and how to fix it. OCR is optional: it does not make the
     * doctor's verdict fail.
     */
    static String ocr(String chosenLanguages) {
        OcrAvailability ocr = TesseractLibrary.availability();
        if (ocr instanceof OcrAvailability.Available a) {
            String line = "OCR: Tesseract " + a.version() + " — languages installed: " + String.join(", ", a.languages())
                    + "; scanned pages are read in " + OcrLanguages.effective(chosenLanguages,
                    Locale.getDefault(Locale.Category.DISPLAY), a.languages());
            List<String> missing = OcrLanguages.missing(chosenLanguages, a.languages());
            return missing.isEmpty() ? line
                    : line + " (chosen in Settings but not installed: " + String.join(", ", missing) + ")";
        }
        OcrAvailability.Unavailable u = (OcrAvailability.Unavailable) ocr;
        return "OCR: not available — " + u.reason() + " To read scanned pages, " + u.howToInstall() + ".";
    }
}
