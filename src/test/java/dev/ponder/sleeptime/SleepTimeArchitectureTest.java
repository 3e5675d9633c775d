package dev.ponder.sleeptime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sleeptime package's arrows: it drives the model only through {@code llm}'s interface, stores
 * only through {@code store}, and never reaches up to the UI, the app or the answering side (which
 * depends on it).
 */
class SleepTimeArchitectureTest {

    private static final JavaClasses PONDER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ponder");

    @Test
    void sleepTimeUsesNeitherTheUiNorTheAppNorJavaFx() {
        noClasses().that().resideInAPackage("dev.ponder.sleeptime..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.ponder.ui..", "dev.ponder.app..",
                        "dev.ponder.answer..")
                .check(PONDER);
    }

    @Test
    void sleepTimeReachesTheModelAndTheDatabaseOnlyThroughPondersOwnInterfaces() {
        noClasses().that().resideInAPackage("dev.ponder.sleeptime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j..", "org.apache.pdfbox..",
                        "java.sql..", "javax.sql..", "org.h2..", "org.flywaydb..")
                .check(PONDER);
    }
}
