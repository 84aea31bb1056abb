package fi.lupaus.console.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The server's layers: routes (api) parse, call a use case or a port, and answer; only the store
 * adapters (fi.lupaus.console.store) and the composition root (LupausVerticle, VerifyCommand,
 * the configuration) know which database is behind the ports.
 */
class LayersTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("fi.lupaus.console");

    @Test
    void onlyTheStoreAdaptersUseJdbc() {
        noClasses().that().resideOutsideOfPackage("fi.lupaus.console.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..",
                        "com.zaxxer.hikari..", "org.flywaydb..")
                .check(SERVER);
    }

    @Test
    void routesAndUseCasesDoNotReachIntoTheAdapters() {
        noClasses().that().resideInAnyPackage("fi.lupaus.console.api..", "fi.lupaus.console.decide..",
                        "fi.lupaus.console.ruleset..", "fi.lupaus.console.privacy..", "fi.lupaus.console.access..",
                        "fi.lupaus.console.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage("fi.lupaus.engine.jdbc..", "fi.lupaus.console.store..")
                .check(SERVER);
    }
}
