package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponder.document.TrickyPdfs.Attachment;
import dev.ponder.store.DocumentEntry;
import dev.ponder.store.IngestionFlag;
import dev.ponder.store.SectionEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachmentsImportTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};

    @TempDir
    Path dir;

    private TestLibrary library;

    @BeforeEach
    void openLibrary() {
        library = new TestLibrary(dir.resolve("data"));
    }

    @AfterEach
    void closeLibrary() {
        library.close();
    }

    private static Attachment text(String name, String mime, String content) {
        return new Attachment(name, mime, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textCsvAndPdfAttachmentsAreReadTwoLevelsDeepAndOthersAreListed() throws Exception {
        byte[] deepest = TrickyPdfs.withAttachments("Deepest PDF text.", List.of(), List.of());
        byte[] deeper = TrickyPdfs.withAttachments("The deeper PDF says the vault code is 31-47-09.",
                List.of(text("deepest-note.txt", "text/plain", "Three levels down: do not read."),
                        new Attachment("deepest.pdf", "application/pdf", deepest)), List.of());
        byte[] inner = TrickyPdfs.withAttachments("The inner report says the budget is 4,200 euros.",
                List.of(new Attachment("deeper.pdf", "application/pdf", deeper)), List.of());
        byte[] outer = TrickyPdfs.withAttachments("The main document.",
                List.of(text("notes.txt", "text/plain", "The spare key is in drawer 7."),
                        text("prices.csv", "text/csv", "item,price\nwidget,12.50\ngadget,99.00\n"),
                        new Attachment("inner.pdf", "application/pdf", inner),
                        new Attachment("photo.png", "image/png", PNG)),
                List.of(text("page-note.txt", "text/plain", "A note pinned to page one: réunion à 10 h.")));
        Path file = Files.write(dir.resolve("with attachments.pdf"), outer);

        DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class,
                library.importer.importFile(file, Optional.empty(), new RecordingProgress())).document();

        String text = library.text(doc.id());
        for (String expected : List.of("The main document.", "Attached file \"notes.txt\":\nThe spare key is in drawer 7.",
                "widget,12.50", "budget is 4,200 euros", "vault code is 31-47-09", "réunion à 10 h")) {
            assertTrue(text.contains(expected), () -> "missing \"" + expected + "\" in\n" + text);
        }
        assertFalse(text.contains("Three levels down"), "an attachment three levels deep was read");
        assertFalse(text.contains("Deepest PDF text"), "a PDF three levels deep was read");
        List<IngestionFlag> flags = library.repository.flags(doc.id()).stream()
                .filter(f -> f.kind() == IngestionFlag.Kind.ATTACHMENT).toList();
        assertEquals(5, flags.size(), flags::toString);
        assertTrue(flags.stream().anyMatch(f -> f.message().equals(
                "Attached file \"photo.png\" (12 bytes) is listed only: Ponder reads text, CSV and PDF attachments.")));
        assertTrue(flags.stream().anyMatch(f -> f.pageNo() == 1 && f.message().startsWith("Attached file \"page-note.txt\"")));
        // embedded files come in name-tree order (sorted by name), then the pages' attachments
        assertEquals(Optional.of("It has 5 attachments: \"inner.pdf\", \"notes.txt\", \"prices.csv\", \"page-note.txt\" "
                + "read as part of it; \"photo.png\" listed only."), doc.message());
    }

    @Test
    void anAttachmentOverTheSizeCapIsListedNotRead() throws Exception {
        String big = "x".repeat(80) + "\n";
        byte[] bytes = big.repeat((int) (Attachments.MAX_BYTES / big.length()) + 10).getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("big.pdf"), TrickyPdfs.withAttachments("Small page.",
                List.of(new Attachment("huge.txt", "text/plain", bytes)), List.of()));

        DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class,
                library.importer.importFile(file, Optional.empty(), new RecordingProgress())).document();

        assertEquals("Small page.", library.text(doc.id()));
        assertEquals("Attached file \"huge.txt\" is larger than 20 MB, so Ponder listed it but did not read it.",
                library.repository.flags(doc.id()).get(0).message());
    }

    @Test
    void aVeryLongUnbrokenLineIsSplitIntoSectionsThatKeepEveryCharacter() throws Exception {
        StringBuilder line = new StringBuilder();
        for (int i = 0; line.length() < 30_000; i++) {
            line.append(Integer.toHexString(i * 7919)).append("ÄΩ漢");
        }
        Path file = Files.write(dir.resolve("long.pdf"), TrickyPdfs.withAttachments("Page.",
                List.of(text("blob.txt", "text/plain", line.toString())), List.of()));

        DocumentEntry doc = assertInstanceOf(ImportOutcome.Imported.class,
                library.importer.importFile(file, Optional.empty(), new RecordingProgress())).document();

        List<SectionEntry> sections = library.repository.sections(List.of(doc.id()));
        assertTrue(sections.size() >= 25, "sections: " + sections.size());
        assertTrue(sections.stream().allMatch(s -> s.text().length() <= Sectioner.MAX_CHARS));
        String joined = String.join("", sections.stream().map(s -> s.text().replace("\n", "")).toList());
        assertTrue(joined.contains(line.toString()), "characters were lost or split wrongly");
    }
}
