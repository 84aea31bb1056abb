package fi.lupaus.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The domain knows storage only through its ports: nothing outside the JDBC adapters
 * (fi.lupaus.engine.jdbc) touches JDBC, H2, Hikari or Flyway, and no domain class reaches into
 * an adapter.
 */
class StoragePortsTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("fi.lupaus.engine");

    @Test
    void noDomainClassUsesJdbcH2HikariOrFlyway() {
        noClasses().that().resideOutsideOfPackage("fi.lupaus.engine.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..",
                        "com.zaxxer.hikari..", "org.flywaydb..")
                .check(ENGINE);
    }

    @Test
    void noDomainClassDependsOnTheAdapters() {
        noClasses().that().resideOutsideOfPackage("fi.lupaus.engine.jdbc..")
                .should().dependOnClassesThat().resideInAPackage("fi.lupaus.engine.jdbc..")
                .check(ENGINE);
    }
}
