package dev.ponder.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfFolderTest {

    @TempDir
    Path dir;

    @Test
    void aFolderGivesThePdfsInItAndItsSubfoldersButNotHiddenOnesOrOtherFiles() throws IOException {
        Path a = touch("papers/a.pdf");
        Path b = touch("papers/2024/B.PDF");
        touch("papers/notes.txt");
        touch("papers/.cache/c.pdf");
        touch("papers/.hidden.pdf");
        Path deep = touch("papers/1/2/3/4/5/6/7/8/deep.pdf");
        touch("papers/1/2/3/4/5/6/7/8/9/too-deep.pdf");

        PdfFolder.Contents contents = PdfFolder.pdfsIn(dir.resolve("papers"));

        assertEquals(List.of(deep, b, a), contents.pdfs(), "sorted by path");
        assertFalse(contents.truncated());
        assertEquals("", PdfFolder.sentence(contents));
    }

    @Test
    void aFolderWithoutPdfsSaysSo() throws IOException {
        touch("photos/cat.jpg");
        PdfFolder.Contents contents = PdfFolder.pdfsIn(dir.resolve("photos"));
        assertEquals(List.of(), contents.pdfs());
        assertEquals("There are no PDFs in the folder photos.", PdfFolder.sentence(contents));
    }

    @Test
    void aFolderWithMoreThanTheCapGivesTheCapAndSaysSo() throws IOException {
        for (int i = 0; i <= PdfFolder.MAX_FILES; i++) {
            touch("big/" + i + ".pdf");
        }
        PdfFolder.Contents contents = PdfFolder.pdfsIn(dir.resolve("big"));
        assertEquals(PdfFolder.MAX_FILES, contents.pdfs().size());
        assertTrue(contents.truncated());
        assertEquals("The folder big holds more than 1,000 PDFs; the first 1,000 are added.", PdfFolder.sentence(contents));
    }

    @Test
    void aFolderThatIsNotThereIsAnError() {
        assertThrows(IOException.class, () -> PdfFolder.pdfsIn(dir.resolve("gone")));
    }

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[0]);
    }
}
