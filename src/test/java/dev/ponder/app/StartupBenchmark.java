package dev.ponder.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.testing.OllamaTestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Startup to a usable window against a bare JavaFX window, in the same run (issues #6 and #17), and
 * heap after GC with 20 documents opened (≤ 400 MB). Each start is a fresh JVM ({@link StartupProbe}
 * runs {@link DesktopLauncher} as the command line does); "usable" is the question field focused and
 * enabled and the library list showing every stored document. The reference is a bare JavaFX window
 * with one focused text field ({@link BareWindowProbe}): what any JavaFX window costs on this machine
 * under its load then.
 * <p>
 * First two new libraries are made (their first starts are printed too): one stays empty, the other
 * gets 20 PDFs given on the command line (heap measured once they are imported). Then
 * {@code ponder.startup.rounds} rounds (default 5), each starting in turn the bare window (the JVM's
 * default options), Ponder on the empty library and Ponder on the 20 documents (with the options Ponder's
 * launchers give the JVM, pom.xml's {@code ponder.java.options}), and, for comparison, Ponder on the 20
 * documents with the JVM's defaults, as {@code java -jar} starts it; medians and their ratios to the bare
 * window's are printed (target ≤ 1.5×), with the processor time each process used until then (on a
 * shared machine the wall time depends on the other processes). The 20 documents are the corpus PDFs under 1.1 MB in turn, each copy with
 * a last page of its own (Ponder treats a copy with the same text as the same document). The model
 * server is the test server. Prints; asserts nothing about time. Run with:
 * {@code mvn test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=StartupBenchmark} (without a display the
 * windows are Monocle's headless ones, as in the UI tests: under Xvfb without a window manager no window gets
 * the keyboard focus)
 */
@Tag("benchmark")
class StartupBenchmark {

    static final int DOCUMENTS = 20;
    static final int ROUNDS = Integer.getInteger("ponder.startup.rounds", 5);

    @TempDir
    Path dir;

    /** The JVM options Ponder's window starts with (pom.xml's ponder.java.options: installed launchers, javafx:run). */
    static final List<String> PONDER_OPTIONS = List.of(System.getProperty("ponder.java.options", "").strip().split("\\s+"))
            .stream().filter(o -> !o.isBlank()).toList();
    static final List<String> JVM_DEFAULTS = List.of();

    @Test
    void startupToAUsableWindowAgainstABareWindowAndHeapWithTwentyDocuments() throws Exception {
        List<Path> pdfs = twentyDocuments(dir.resolve("pdfs"));
        Path empty = dir.resolve("empty");
        Path twenty = dir.resolve("twenty");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            Launch newEmpty = launch(StartupProbe.class, PONDER_OPTIONS, empty, ollama, 0, List.of());
            Launch imported = launch(StartupProbe.class, PONDER_OPTIONS, twenty, ollama, 0, pdfs);
            assertEquals(DOCUMENTS, imported.ready, "every document was imported");
            List<Launch> bare = new ArrayList<>();
            List<Launch> emptyStarts = new ArrayList<>();
            List<Launch> twentyStarts = new ArrayList<>();
            List<Launch> twentyDefaults = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                bare.add(launch(BareWindowProbe.class, JVM_DEFAULTS, empty, ollama, 0, List.of()));
                emptyStarts.add(launch(StartupProbe.class, PONDER_OPTIONS, empty, ollama, 0, List.of()));
                twentyStarts.add(launch(StartupProbe.class, PONDER_OPTIONS, twenty, ollama, DOCUMENTS, List.of()));
                twentyDefaults.add(launch(StartupProbe.class, JVM_DEFAULTS, twenty, ollama, DOCUMENTS, List.of()));
            }
            long reference = median(bare, Launch::startupMs);
            System.out.printf(Locale.ROOT, "%nStartup to a usable window, %d rounds interleaved (Monocle=%s, %d cores, "
                    + "load average %.1f at the end; model server: the test server). Wall ms to usable, median [each];"
                    + " processor ms of the whole process until then, median:%n", ROUNDS,
                    System.getProperty("glass.platform", "no"), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            print("bare JavaFX window, one text field, JVM defaults", bare, reference, false);
            print("Ponder, empty library, " + PONDER_OPTIONS, emptyStarts, reference, true);
            print("Ponder, " + DOCUMENTS + " documents stored, " + PONDER_OPTIONS, twentyStarts, reference, true);
            print("Ponder, " + DOCUMENTS + " documents stored, JVM defaults (as java -jar starts it)", twentyDefaults, reference,
                    false);
            System.out.printf(Locale.ROOT, "  first starts, new libraries (not in the ratios): empty %d ms, then opening %d PDFs %d ms%n",
                    newEmpty.startupMs, DOCUMENTS, imported.startupMs);
            System.out.printf(Locale.ROOT, "Heap used after GC with %d documents imported (target ≤ 400 MB): %.1f MB (%d ready)%n%n",
                    DOCUMENTS, imported.heapMb, imported.ready);
            assertTrue(imported.heapMb > 0);
        }
    }

    private static void print(String what, List<Launch> launches, long reference, boolean target) {
        long wall = median(launches, Launch::startupMs);
        System.out.printf(Locale.ROOT, "  %-80s: %6d ms %s, processor %5d ms  %.2f× the bare window%s%n", what, wall,
                launches.stream().map(Launch::startupMs).toList(), median(launches, Launch::cpuMs), wall / (double) reference,
                target ? " (target ≤ 1.50×)" : "");
    }

    private record Launch(long startupMs, long cpuMs, double heapMb, long ready) {
    }

    static long median(List<Launch> launches, java.util.function.ToLongFunction<Launch> figure) {
        List<Long> sorted = launches.stream().map(figure::applyAsLong).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Launch launch(Class<?> probe, List<String> jvmOptions, Path data, OllamaTestServer ollama, int stored,
                                 List<Path> files) throws Exception {
        List<String> command = probeCommand(probe, jvmOptions, data, ollama, stored, files);
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long usableNanos = -1;
        long cpuMs = -1;
        double heapMb = -1;
        long ready = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("USABLE") && usableNanos < 0) {
                    usableNanos = System.nanoTime() - begin;
                    java.util.regex.Matcher cpu = java.util.regex.Pattern.compile("cpu=(\\d+)").matcher(line);
                    cpuMs = cpu.find() ? Long.parseLong(cpu.group(1)) : -1;
                } else if (line.startsWith("HEAP ")) {
                    String[] parts = line.split(" ");
                    heapMb = Long.parseLong(parts[1]) / (1024.0 * 1024.0);
                    ready = Long.parseLong(parts[2]);
                }
            }
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the probe ended");
        assertTrue(usableNanos > 0, probe.getSimpleName() + " on " + data.getFileName() + ": the window became usable");
        return new Launch(usableNanos / 1_000_000, cpuMs, heapMb, ready);
    }

    /**
     * The command that runs {@code probe} ({@link StartupProbe} or {@link BareWindowProbe}) in a JVM of its
     * own with {@code jvmOptions}, this JVM's class path and display properties, on library {@code data}
     * holding {@code stored} documents, opening {@code files}; {@link StartupProbe} logs to a file beside the
     * library, as the application does.
     */
    static List<String> probeCommand(Class<?> probe, List<String> jvmOptions, Path data, OllamaTestServer ollama,
                                     int stored, List<Path> files) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        if (probe == StartupProbe.class) {
            // log as the application does, to a file beside the library (its startup timeline is there),
            // not as the tests do
            command.add("-Dponder.log=file");
        }
        String extra = System.getProperty("ponder.startup.jvmArgs", "");
        if (!extra.isBlank() && probe == StartupProbe.class) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.add(probe.getName());
        command.add(data.toString());
        command.add(ollama.url().toString());
        command.add(String.valueOf(stored));
        files.forEach(f -> command.add(f.toString()));
        return command;
    }

    /** Twenty PDFs with distinct bytes: the corpus files under 1.1 MB in turn, each copy with a page of its own. */
    static List<Path> twentyDocuments(Path into) throws Exception {
        Files.createDirectories(into);
        List<Path> sources;
        try (Stream<Path> s = Files.list(dev.ponder.testing.Corpus.root().resolve("real"))) {
            sources = s.filter(p -> p.toString().endsWith(".pdf")).filter(p -> p.toFile().length() < 1_100_000)
                    .sorted().toList();
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            Path source = sources.get(i % sources.size());
            Path copy = into.resolve(i + "-" + source.getFileName());
            // a page of its own: Ponder recognises a copy with the same text as the same document
            try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(source.toFile())) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage();
                doc.addPage(page);
                try (org.apache.pdfbox.pdmodel.PDPageContentStream text = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                            org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 700);
                    text.showText("Benchmark copy " + i + " of " + source.getFileName());
                    text.endText();
                }
                doc.save(copy.toFile());
            }
            out.add(copy);
        }
        return out;
    }
}
