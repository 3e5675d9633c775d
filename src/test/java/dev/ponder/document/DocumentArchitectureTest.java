package dev.ponder.document;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The document package's arrows: PDFBox stays inside it, and it never reaches up to the UI or the app. */
class DocumentArchitectureTest {

    private static final JavaClasses PONDER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ponder");

    @Test
    void theDocumentPackageDoesNotUseTheUiOrTheApp() {
        noClasses().that().resideInAPackage("dev.ponder.document..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.ponder.ui..", "dev.ponder.app..")
                .check(PONDER);
    }

    @Test
    void onlyTheDocumentPackageUsesPdfBox() {
        noClasses().that().resideOutsideOfPackage("dev.ponder.document..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.apache.fontbox..")
                .check(PONDER);
    }
}
