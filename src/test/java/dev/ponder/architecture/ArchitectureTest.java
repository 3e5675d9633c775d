package dev.ponder.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the package arrows of DESIGN.md ("Parts") and STYLE.md ("The house"). */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ponder");
    }

    @Test
    void arrowsPointFromAppToUiToFeaturesToStoreLlmAndSettings() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("app").definedBy("dev.ponder.app..")
                .layer("ui").definedBy("dev.ponder.ui..")
                .layer("features").definedBy("dev.ponder.document..", "dev.ponder.sleeptime..",
                        "dev.ponder.answer..", "dev.ponder.bench..", "dev.ponder.search..")
                .layer("foundations").definedBy("dev.ponder.store..", "dev.ponder.llm..", "dev.ponder.settings..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("features").mayOnlyBeAccessedByLayers("app", "ui", "features")
                .check(classes);
    }

    /** {@code base} holds helpers every part may use (threads, hashing); it uses no other part. */
    @Test
    void baseDependsOnNoOtherPart() {
        noClasses().that().resideInAPackage("dev.ponder.base..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ponder.app..", "dev.ponder.ui..",
                        "dev.ponder.document..", "dev.ponder.sleeptime..", "dev.ponder.answer..", "dev.ponder.bench..",
                        "dev.ponder.store..", "dev.ponder.llm..", "dev.ponder.settings..")
                .check(classes);
    }

    @Test
    void foundationsDoNotDependOnEachOtherExceptSettings() {
        noClasses().that().resideInAPackage("dev.ponder.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ponder.llm..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.ponder.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ponder.store..")
                .check(classes);
    }

    @Test
    void onlyUiAndAppUseJavaFx() {
        noClasses().that().resideOutsideOfPackages("dev.ponder.ui..", "dev.ponder.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void onlyLlmUsesLangchain4j() {
        noClasses().that().resideOutsideOfPackage("dev.ponder.llm..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.langchain4j..")
                .check(classes);
    }

    @Test
    void onlyDocumentUsesPdfBox() {
        noClasses().that().resideOutsideOfPackage("dev.ponder.document..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "org.apache.fontbox..")
                .check(classes);
    }

    @Test
    void onlySearchUsesLuceneAndTheLanguageDetector() {
        noClasses().that().resideOutsideOfPackage("dev.ponder.search..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.lucene..", "com.optimaize..")
                .check(classes);
    }

    @Test
    void onlyStoreSpeaksJdbc() {
        noClasses().that().resideOutsideOfPackage("dev.ponder.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..",
                        "org.flywaydb..")
                .check(classes);
    }
}
