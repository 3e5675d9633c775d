package dev.ponder.bench;

import dev.ponder.document.ScanReader;
import dev.ponder.document.ocr.OcrAvailability;
import dev.ponder.document.ocr.TesseractSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The OCR figure of {@code ponder bench perf} and its reference, measured in the same run: the
 * first {@value #PAGES} pages of a PDF read as scans, {@value #RUNS} times each way, interleaved.
 * <ul>
 *   <li><b>Ponder</b>: {@link ScanReader#readAsScans}, as an import reads a scan: one Tesseract
 *       session (its language data loaded once), each page drawn by PDFBox at 300 dpi in grey and
 *       read on one thread.</li>
 *   <li><b>Reference</b>: the same pages drawn by the same PDFBox code (timed; writing the PNG files
 *       not), then read by one {@code tesseract} command-line process given the list of files (its
 *       language data loaded once), with one OpenMP thread and the options a session sets
 *       ({@link TesseractSession#commandLineOptions}).</li>
 * </ul>
 * Figures are pages/s over all the pages. A run in which a page gave no word, or the command line
 * failed, is a failed run: counted and named in the figure's text, never averaged in.
 */
final class OcrFigures {

    /** Pages of the file read by OCR (1–3 s each on a laptop core). */
    static final int PAGES = 3;
    /** Runs each way. */
    static final int RUNS = 2;
    private static final long CLI_TIMEOUT_MINUTES = 10;

    /** One run each way: its pages/s, or why it failed. */
    private sealed interface Run {
        record Timed(double pagesPerSecond) implements Run {
        }

        record Failed(String why) implements Run {
        }
    }

    /** The tesseract command line is not on the PATH. */
    private static final class NotInstalled extends Exception {
        NotInstalled(Throwable cause) {
            super(cause);
        }
    }

    private OcrFigures() {
    }

    /**
     * Measures both ways on {@code pdf}, telling {@code step} before each run.
     *
     * @return the rows: the command line's, then Ponder's with the ratio to it; one row "not
     *         available" when Tesseract is not installed for Ponder
     * @throws IOException when {@code pdf} cannot be read as a PDF or the PNG files cannot be written
     */
    static List<PerfRow> measure(Path pdf, Consumer<String> step) throws IOException, InterruptedException {
        String name = pdf.getFileName().toString();
        ScanReader reader = ScanReader.withDefaults();
        if (!(reader.availability() instanceof OcrAvailability.Available available)) {
            step.accept("text recognition on " + name);
            return List.of(new PerfRow("OCR (Tesseract), " + name, "not available", "pages/s", PerfRow.NONE,
                    PerfRow.NONE, PerfRow.NONE));
        }
        String languages = reader.languages().orElseThrow();
        List<String> options = TesseractSession.commandLineOptions(available);
        List<Run> ponder = new ArrayList<>();
        List<Run> cli = new ArrayList<>();
        boolean installed = true;
        for (int i = 0; i < RUNS; i++) {
            step.accept("text recognition on " + name);
            ponder.add(ponder(reader, pdf));
            step.accept("tesseract command line on " + name);
            if (installed) {
                try {
                    cli.add(commandLine(pdf, languages, options));
                } catch (NotInstalled e) {
                    installed = false;
                }
            }
        }
        String what = "OCR (Tesseract " + available.version() + ", " + languages + ", 300 dpi), " + name
                + ", first " + PAGES + " pages, ";
        String cliWhat = what + "tesseract command line (drawn by PDFBox, read by one process)";
        String ponderWhat = what + "Ponder (drawn and read as an import does)";
        PerfRow cliRow = installed ? row(cliWhat, cli, PerfRow.NONE, Double.NaN)
                : new PerfRow(cliWhat, "not installed", "pages/s", PerfRow.NONE, PerfRow.NONE, PerfRow.NONE);
        double reference = installed ? mean(cli) : Double.NaN;
        String ref = Double.isNaN(reference) ? PerfRow.NONE : "tesseract " + PerfRow.number(reference) + " pages/s";
        return List.of(cliRow, row(ponderWhat, ponder, ref, reference));
    }

    private static Run ponder(ScanReader reader, Path pdf) throws IOException {
        long start = System.nanoTime();
        ScanReader.ScanRun run = reader.readAsScans(pdf, PAGES);
        long nanos = System.nanoTime() - start;
        if (!run.withoutWords().isEmpty()) {
            return new Run.Failed("page " + run.withoutWords().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " gave no words");
        }
        return new Run.Timed(run.pages() / seconds(nanos));
    }

    /**
     * The pages drawn into PNG files, then read by {@code tesseract LIST stdout --dpi N -l LANGUAGES
     * OPTIONS…} with {@code OMP_THREAD_LIMIT=1}; the time is the drawing's plus the process's.
     */
    private static Run commandLine(Path pdf, String languages, List<String> options)
            throws IOException, InterruptedException, NotInstalled {
        Path folder = Files.createTempDirectory("ponder-bench-ocr");
        try {
            List<ScanReader.DrawnFile> drawn = ScanReader.drawForOcr(pdf, PAGES, folder);
            if (drawn.stream().map(ScanReader.DrawnFile::dpi).distinct().count() > 1) {
                return new Run.Failed("pages drawn at different resolutions, one process cannot read them");
            }
            Path list = folder.resolve("pages.txt");
            Files.write(list, drawn.stream().map(f -> f.png().toString()).toList());
            List<String> command = new ArrayList<>(List.of("tesseract", list.toString(), "stdout",
                    "--dpi", Integer.toString(drawn.get(0).dpi()), "-l", languages));
            command.addAll(options);
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            long drawing = drawn.stream().mapToLong(ScanReader.DrawnFile::drawNanos).sum();
            long start = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new NotInstalled(e);
            }
            CompletableFuture<String> text = CompletableFuture.supplyAsync(() -> read(process));
            if (!process.waitFor(CLI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Run.Failed("tesseract took more than " + CLI_TIMEOUT_MINUTES + " minutes");
            }
            long nanos = System.nanoTime() - start + drawing;
            if (process.exitValue() != 0) {
                return new Run.Failed("tesseract exited with " + process.exitValue());
            }
            List<Integer> empty = pagesWithoutWords(text.join(), drawn.size());
            return empty.isEmpty() ? new Run.Timed(drawn.size() / seconds(nanos))
                    : new Run.Failed("page " + empty.stream().map(String::valueOf).collect(Collectors.joining(", "))
                            + " gave no words");
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    private static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Pages (1-based) whose text is blank; tesseract ends each page's text with a form feed. */
    static List<Integer> pagesWithoutWords(String text, int pages) {
        String[] parts = text.split("\f", -1);
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            if (i >= parts.length || parts[i].isBlank()) {
                empty.add(i + 1);
            }
        }
        return empty;
    }

    /**
     * A row of the mean of the timed runs; failed runs counted and named in the figure's text; value
     * {@value PerfRow#FAILED} when no run was timed. The ratio to {@code reference} when both are numbers.
     */
    private static PerfRow row(String what, List<Run> runs, String ref, double reference) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) instanceof Run.Failed f) {
                failed.add("run " + (i + 1) + ": " + f.why());
            }
        }
        double mean = mean(runs);
        int timed = runs.size() - failed.size();
        String figure = what + (timed > 0 ? ", mean of " + timed : "")
                + (failed.isEmpty() ? "" : " (" + failed.size() + " of " + runs.size() + " runs failed: "
                        + String.join("; ", failed) + ")");
        if (Double.isNaN(mean)) {
            return PerfRow.failed(figure, "pages/s", PerfRow.NONE);
        }
        boolean compared = !Double.isNaN(reference);
        return new PerfRow(figure, PerfRow.number(mean), "pages/s", compared ? ref : PerfRow.NONE,
                compared ? PerfRow.ratio(mean, reference) : PerfRow.NONE, PerfRow.NONE);
    }

    /** The mean pages/s of the timed runs; NaN when none was timed. */
    private static double mean(List<Run> runs) {
        return runs.stream().filter(r -> r instanceof Run.Timed).mapToDouble(r -> ((Run.Timed) r).pagesPerSecond())
                .average().orElse(Double.NaN);
    }

    private static double seconds(long nanos) {
        return Math.max(1, nanos) / 1e9;
    }
}
