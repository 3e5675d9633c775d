package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSnifferTest {

    private final FileSniffer sniffer = new FileSniffer();

    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsEmpty() throws IOException {
        assertInstanceOf(FileSniffer.Kind.Empty.class, sniffer.sniff(Corpus.tricky("zero-bytes.pdf")));
    }

    @Test
    void aPdfIsRecognisedByItsHeader() throws IOException {
        assertEquals(new FileSniffer.Kind.Pdf(0), sniffer.sniff(Corpus.tricky("zero-pages.pdf")));
    }

    @Test
    void junkBeforeTheHeaderIsAccepted() throws IOException {
        Path file = dir.resolve("junk.bin");
        Files.write(file, ("x".repeat(500) + "%PDF-1.4\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(new FileSniffer.Kind.Pdf(500), sniffer.sniff(file));
    }

    @Test
    void aHeaderPastTheFirstKilobyteIsNotAPdf() throws IOException {
        Path file = dir.resolve("late.pdf");
        Files.write(file, ("x".repeat(1100) + "%PDF-1.4\n").getBytes(StandardCharsets.US_ASCII));
        assertInstanceOf(FileSniffer.Kind.NotPdf.class, sniffer.sniff(file));
    }

    @Test
    void aRenamedTextFileIsNotAPdfAndSaysItLooksLikeText() throws IOException {
        // the file mentions "%PDF" in its text, but not the "%PDF-" header
        assertEquals(new FileSniffer.Kind.NotPdf("This is not a PDF (it looks like plain text)."),
                sniffer.sniff(Corpus.tricky("text-file-renamed.pdf")));
    }

    @Test
    void anImageIsNotAPdf() throws IOException {
        Path file = dir.resolve("photo.pdf");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13});
        assertEquals(new FileSniffer.Kind.NotPdf("This is not a PDF (it looks like an image)."), sniffer.sniff(file));
    }

    @Test
    void aMissingFileThrows() {
        assertThrows(NoSuchFileException.class, () -> sniffer.sniff(dir.resolve("nope.pdf")));
    }
}
