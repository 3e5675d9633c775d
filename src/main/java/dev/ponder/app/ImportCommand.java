package dev.ponder.app;

import dev.ponder.document.ImportOutcome;
import dev.ponder.document.PdfFolder;
import dev.ponder.store.DocumentEntry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ponder import FILE…}: adds files to the library, one status line each. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Add PDFs to the library. Prints one line per file; exits 1 if any file could not be imported.")
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    PonderCommand parent;

    @Spec
    CommandSpec spec;

    /** The environment variable read for a PDF password when {@code --password} is not given. */
    static final String PASSWORD_VARIABLE = "PONDER_PDF_PASSWORD";

    @Option(names = "--password", paramLabel = "PASSWORD", interactive = true, arity = "0..1",
            description = "Password for encrypted PDFs. Given without a value, Ponder asks for it and does not show "
                    + "it as you type; a value typed here is visible in the process list and the shell's history. "
                    + "Without this option Ponder reads " + PASSWORD_VARIABLE + ", and in a terminal asks when a PDF needs one.")
    char[] password;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "PDF files to import; a folder stands for the PDFs in it and its subfolders.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allOk = true;
        List<Path> pdfs = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isDirectory(file)) {
                pdfs.add(file);
                continue;
            }
            PdfFolder.Contents contents;
            try {
                contents = PdfFolder.pdfsIn(file);
            } catch (java.io.IOException e) {
                err.println("Ponder could not look into the folder " + file + " (" + e.getMessage() + ").");
                allOk = false;
                continue;
            }
            pdfs.addAll(contents.pdfs());
            String sentence = PdfFolder.sentence(contents);
            if (!sentence.isEmpty()) {
                err.println(sentence);
                allOk &= !contents.pdfs().isEmpty();
            }
        }
        char[] given = password != null ? password
                : parent.env.containsKey(PASSWORD_VARIABLE) ? parent.env.get(PASSWORD_VARIABLE).toCharArray() : null;
        try (Ponder ponder = Ponder.open(parent.options.toSettings(parent.env))) {
            finishInterrupted(ponder, err);
            for (Path file : pdfs) {
                ImportOutcome outcome;
                try {
                    outcome = open(ponder, file, given, err);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof dev.ponder.store.StoreException store)) {
                        throw e;
                    }
                    // the library cannot be written (full disk, read-only): the other files would fail alike
                    err.println(file.getFileName() + ": " + CliOutput.forTerminal(store.getMessage()));
                    return 1;
                }
                if (outcome instanceof ImportOutcome.NeedsPassword && given == null && System.console() != null) {
                    char[] typed = System.console().readPassword("Password for %s: ", file.getFileName());
                    if (typed != null && typed.length > 0) {
                        outcome = open(ponder, file, typed, err);
                    }
                }
                allOk &= report(outcome, out, err);
            }
        }
        return allOk ? 0 : 1;
    }

    /**
     * Imports again every document a stopped Ponder left QUEUED or IMPORTING (as the window does at
     * start), one stderr line each, so that no command silently leaves them out. Not on a
     * read-only library, which nothing can change.
     */
    static void finishInterrupted(Ponder ponder, PrintWriter err) throws Exception {
        if (ponder.database().readOnly().isPresent()) {
            return;
        }
        for (ImportOutcome outcome : ponder.libraryService().resumeInterrupted().get()) {
            java.io.StringWriter line = new java.io.StringWriter();
            PrintWriter to = new PrintWriter(line, true);
            report(outcome, to, to);
            err.print("Ponder finished an interrupted import: " + line);
            err.flush();
        }
    }

    private static ImportOutcome open(Ponder ponder, Path file, char[] password, PrintWriter err) throws Exception {
        try (TerminalProgress progress = new TerminalProgress(err, System.console() != null)) {
            ponder.libraryService().addListener(progress);
            try {
                return password == null ? ponder.libraryService().open(file).get()
                        : ponder.libraryService().open(file, password).get();
            } finally {
                ponder.libraryService().removeListener(progress);
            }
        }
    }

    /** Prints the status line (stdout) and any failure sentence (stderr); returns false on failure. */
    static boolean report(ImportOutcome outcome, PrintWriter out, PrintWriter err) {
        String name = outcome.file().getFileName().toString();
        if (outcome instanceof ImportOutcome.Imported i) {
            DocumentEntry d = i.document();
            out.printf("%s: ready — %s, %s%s%n", name, CliOutput.count(d.pages(), "page"),
                    CliOutput.count(d.sections(), "section"), d.message().map(m -> ". Warning: " + m).orElse(""));
            return true;
        }
        if (outcome instanceof ImportOutcome.AlreadyInLibrary a && a.sameTextOnly()) {
            // another file with the same text: how this copy differs (a password, its own title, damage)
            out.println(a.sentence());
            return true;
        }
        if (outcome instanceof ImportOutcome.AlreadyInLibrary a) {
            out.printf("%s: already in the library%s%n", name,
                    a.document().fileName().equals(name) ? "" : " (as " + a.document().fileName() + ")");
            return true;
        }
        if (outcome instanceof ImportOutcome.NeedsPassword p) {
            out.printf("%s: needs a password%n", name);
            err.printf("%s: %s%n", name, p.wrongPassword()
                    ? "That password did not open this PDF."
                    : "This PDF is protected by a password — import it with `ponder import FILE --password` "
                            + "(Ponder asks for the password), or set " + PASSWORD_VARIABLE + ".");
            return false;
        }
        ImportOutcome.Failed f = (ImportOutcome.Failed) outcome;
        out.printf("%s: failed%n", name);
        err.printf("%s: %s%n", name, f.reason());
        return false;
    }
}
