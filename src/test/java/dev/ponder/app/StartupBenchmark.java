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
 * Issue #6 item 7: startup to a usable window (targets ≤ 2 s) and heap after GC with 20
 * documents opened (≤ 400 MB), each in a fresh JVM ({@link StartupProbe}) as a person would start
 * Ponder. Launches on one data folder: empty library (heap measured: the reference),
 * empty library again (then 20 PDFs opened, heap measured), again with the 20 documents stored;
 * before and after them, the startup reference: a bare JavaFX window with one focused text field
 * ({@link BareWindowProbe}), what any JavaFX window costs on this machine under its load then. The 20 documents are the corpus PDFs under 1.1 MB in turn, each copy with a last page
 * of its own (Ponder treats a copy with the same text as the same document). Prints; asserts nothing about time. Run with:
 * {@code mvn test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=StartupBenchmark}
 */
@Tag("benchmark")
class StartupBenchmark {

    static final int DOCUMENTS = 20;

    @TempDir
    Path dir;

    @Test
    void startupToAUsableWindowAndHeapWithTwentyDocuments() throws Exception {
        List<Path> pdfs = twentyDocuments(dir.resolve("pdfs"));
        Path data = dir.resolve("data");
        try (OllamaTestServer ollama = OllamaTestServer.start()) {
            Launch bare = launch(BareWindowProbe.class, data, ollama, List.of());
            Launch empty = launch(data, ollama, List.of());
            Launch first = launch(data, ollama, pdfs);
            Launch again = launch(data, ollama, List.of());
            Launch bareAgain = launch(BareWindowProbe.class, data, ollama, List.of());
            assertEquals(DOCUMENTS, first.ready, "every document was imported");
            System.out.printf(Locale.ROOT, "%nStartup to a usable window (target ≤ 2000 ms; 2 shared cores, Monocle=%s):%n",
                    System.getProperty("glass.platform", "no"));
            System.out.printf(Locale.ROOT, "  reference: bare JavaFX window with one text field: %d ms, again at the end: %d ms%n",
                    bare.startupMs, bareAgain.startupMs);
            System.out.printf(Locale.ROOT, "  empty library, first launch : %5d ms%n", empty.startupMs);
            System.out.printf(Locale.ROOT, "  empty library, second launch: %5d ms%n", first.startupMs);
            System.out.printf(Locale.ROOT, "  %d documents stored          : %5d ms%n", DOCUMENTS, again.startupMs);
            System.out.printf(Locale.ROOT, "Heap used after GC (target ≤ 400 MB):%n");
            System.out.printf(Locale.ROOT, "  reference, empty library    : %5.1f MB%n", empty.heapMb);
            System.out.printf(Locale.ROOT, "  after opening %d documents  : %5.1f MB (%d ready)%n%n", DOCUMENTS,
                    first.heapMb, first.ready);
            assertTrue(first.heapMb > 0);
        }
    }

    private record Launch(long startupMs, double heapMb, long ready) {
    }

    private static Launch launch(Path data, OllamaTestServer ollama, List<Path> files) throws Exception {
        return launch(StartupProbe.class, data, ollama, files);
    }

    private static Launch launch(Class<?> probe, Path data, OllamaTestServer ollama, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text")) {
            if (System.getProperty(p) != null) {
                command.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        command.add(probe.getName());
        command.add(data.toString());
        command.add(ollama.url().toString());
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
        assertTrue(usableNanos > 0, "the window became usable");
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
