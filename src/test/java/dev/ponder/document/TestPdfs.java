package dev.ponder.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Writes small PDFs for cases the corpus does not have. */
final class TestPdfs {

    /** What one page holds. */
    enum Page { TEXT, IMAGE, BLANK }

    private TestPdfs() {
    }

    /** A PDF with the given pages; text pages say "This is page N of the test file." */
    static Path write(Path file, List<Page> pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            fill(doc, pages);
            doc.save(file.toFile());
        }
        return file;
    }

    /** A text PDF with an owner password that forbids copying text, and no user password. */
    static Path writeOwnerRestricted(Path file) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            fill(doc, List.of(Page.TEXT));
            AccessPermission permissions = new AccessPermission();
            permissions.setCanExtractContent(false);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "", permissions);
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(file.toFile());
        }
        return file;
    }

    private static void fill(PDDocument doc, List<Page> pages) throws IOException {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        for (int i = 0; i < pages.size(); i++) {
            PDPage page = new PDPage();
            doc.addPage(page);
            if (pages.get(i) == Page.BLANK) {
                continue;
            }
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                if (pages.get(i) == Page.TEXT) {
                    content.beginText();
                    content.setFont(font, 12);
                    content.newLineAtOffset(72, 700);
                    content.showText("This is page " + (i + 1) + " of the test file.");
                    content.endText();
                } else {
                    content.drawImage(grayImage(doc), 72, 300, 400, 300);
                }
            }
        }
    }

    private static PDImageXObject grayImage(PDDocument doc) throws IOException {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 40; x++) {
            image.getRaster().setSample(x, x % 30, 0, 200);
        }
        return LosslessFactory.createFromImage(doc, image);
    }
}
