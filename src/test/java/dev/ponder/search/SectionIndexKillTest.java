package dev.ponder.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.store.Database;
import dev.ponder.store.DocumentStatus;
import dev.ponder.store.LibraryRepository;
import dev.ponder.store.NewDocument;
import dev.ponder.store.PageText;
import dev.ponder.store.SectionEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM writing the index is killed with {@code kill -9} in the middle of its commits,
 * twice at different moments; each time the next start opens the index (or rebuilds it) and
 * finds every section once.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SectionIndexKillTest {

    private static final int PAGES = 200;

    @TempDir
    Path dir;

    @Test
    void anIndexKilledWhileWritingIsUsableAfterTheNextStart() throws Exception {
        long doc;
        try (Database db = Database.open(dir)) {
            LibraryRepository library = new LibraryRepository(db);
            doc = library.add(new NewDocument(Optional.of("ab".repeat(32)), "ledger.pdf", dir.resolve("ledger.pdf"), 1),
                    DocumentStatus.IMPORTING, Optional.empty());
            List<PageText> pages = new ArrayList<>();
            List<SectionEntry> sections = new ArrayList<>();
            for (int p = 1; p <= PAGES; p++) {
                String text = "Ledger page " + p + ". Account " + (4100 + p) + " holds " + (250 * p) + " euros."
                        + (p == 187 ? " The vault combination is 31-47-09." : "");
                pages.add(new PageText(p, text, true));
                sections.add(new SectionEntry(0, doc, p - 1, p, p, text, String.format("%064x", p), new float[] {1}));
            }
            library.storeContent(doc, pages, sections, Optional.empty());
        }
        for (int round = 0; round < 2; round++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SectionIndexChild.class.getName(), dir.toString(),
                    Long.toString(doc)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("indexing")) {
                // the child's log lines
            }
            assertEquals("indexing", line, "the child started writing the index");
            Thread.sleep(37L + round * 113);
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");

            try (Database db = Database.open(dir)) {
                LibraryRepository library = new LibraryRepository(db);
                try (SectionIndex index = SectionIndex.open(dir, library)) {
                    assertTrue(index.awaitReady(60_000));
                    List<Long> all = index.search("ledger page account", Optional.of("en"), List.of(doc), 1000)
                            .orElseThrow();
                    assertEquals(PAGES, all.size(), "every section indexed");
                    assertEquals(PAGES, new HashSet<>(all).size(), "and once");
                    long vault = library.sections(List.of(doc)).stream()
                            .filter(s -> s.text().contains("31-47-09")).findFirst().orElseThrow().id();
                    assertEquals(vault, index.search("vault combination", Optional.of("en"), List.of(doc), 1)
                            .orElseThrow().get(0));
                }
            }
        }
    }
}
