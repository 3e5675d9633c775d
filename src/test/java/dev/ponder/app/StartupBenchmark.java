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
 * {@code ponder.startup.rounds} rounds (default 5), each starting in turn the bare window, Ponder on the
 * empty library and Ponder on the 20 documents; medians and their ratios to the bare window's are
 * printed (target ≤ 1.5×). The 20 documents are the corpus PDFs under 1.1 MB in turn, each copy with
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

    @Test
    void startupToAUsableWindowAgainstABareWindowAndHeapWithTwentyDocuments() throws Exception {
        List<Path> pdfs = twentyDocuments(dir.resolve("pdfs"));
        Path empty = dir.resolve("empty");
        Path twenty = dir.resolve("twenty");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            Launch newEmpty = launch(StartupProbe.class, empty, ollama, 0, List.of());
            Launch imported = launch(StartupProbe.class, twenty, ollama, 0, pdfs);
            assertEquals(DOCUMENTS, imported.ready, "every document was imported");
            List<Long> bare = new ArrayList<>();
            List<Long> emptyMs = new ArrayList<>();
            List<Long> twentyMs = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                bare.add(launch(BareWindowProbe.class, empty, ollama, 0, List.of()).startupMs);
                emptyMs.add(launch(StartupProbe.class, empty, ollama, 0, List.of()).startupMs);
                twentyMs.add(launch(StartupProbe.class, twenty, ollama, DOCUMENTS, List.of()).startupMs);
            }
            long reference = median(bare);
            System.out.printf(Locale.ROOT, "%nStartup to a usable window, %d rounds interleaved (Monocle=%s, %d cores, "
                    + "load average %.1f at the end; model server: the test server):%n", ROUNDS,
                    System.getProperty("glass.platform", "no"), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "  bare JavaFX window, one text field: median %5d ms  %s%n", reference, bare);
            System.out.printf(Locale.ROOT, "  Ponder, empty library             : median %5d ms  %s  %.2f× the bare window (target ≤ 1.50×)%n",
                    median(emptyMs), emptyMs, median(emptyMs) / (double) reference);
            System.out.printf(Locale.ROOT, "  Ponder, %d documents stored       : median %5d ms  %s  %.2f× the bare window (target ≤ 1.50×)%n",
                    DOCUMENTS, median(twentyMs), twentyMs, median(twentyMs) / (double) reference);
            System.out.printf(Locale.ROOT, "  first starts, new libraries (not in the ratios): empty %d ms, then opening %d PDFs %d ms%n",
                    newEmpty.startupMs, DOCUMENTS, imported.startupMs);
            System.out.printf(Locale.ROOT, "Heap used after GC with %d documents imported (target ≤ 400 MB): %.1f MB (%d ready)%n%n",
                    DOCUMENTS, imported.heapMb, imported.ready);
            assertTrue(imported.heapMb > 0);
        }
    }

    private record Launch(long startupMs, double heapMb, long ready) {
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Launch launch(Class<?> probe, Path data, OllamaTestServer ollama, int stored, List<Path> files)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        if (probe == StartupProbe.class) {
            // log as the application does, to a file beside the library (its startup timeline is there),
            // not as the tests do
            command.add("-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath());
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
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long usableNanos = -1;
        double heapMb = -1;
        long ready = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("USABLE") && usableNanos < 0) {
                    usableNanos = System.nanoTime() - begin;
                } else if (line.startsWith("HEAP ")) {
                    String[] parts = line.split(" ");
                    heapMb = Long.parseLong(parts[1]) / (1024.0 * 1024.0);
                    ready = Long.parseLong(parts[2]);
                }
            }
        }
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the probe ended");
        assertTrue(usableNanos > 0, probe.getSimpleName() + " on " + data.getFileName() + ": the window became usable");
        return new Launch(usableNanos / 1_000_000, heapMb, ready);
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
