package dev.ponder.ui;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The UI's side of the arrows in DESIGN.md: it uses features, never their libraries. */
class UiArchitectureTest {

    private final JavaClasses ui = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ponder.ui");

    @Test
    void uiDoesNotTalkToLangchain4jPdfBoxOrJdbc() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.langchain4j..", "org.apache.pdfbox..", "java.sql..")
                .check(ui);
    }

    @Test
    void viewModelsNeverTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .or().haveSimpleNameEndingWith("Item")
                .should().dependOnClassesThat()
                .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.application..")
                .check(ui);
    }

    /** Issue #17: the window's one composition root; the window and its views only bind. */
    @Test
    void onlyMainViewModelBuildsViewModels() {
        JavaClasses uiAndApp = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ponder.ui", "dev.ponder.app");
        noClasses().that().doNotHaveSimpleName("MainViewModel")
                .should().callConstructorWhere(target(owner(simpleNameEndingWith("ViewModel"))
                        .and(owner(com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName("MainViewModel"))))))
                .check(uiAndApp);
    }
}
