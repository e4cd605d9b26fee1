package dev.ballast.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency arrows of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    // main classes only: test classes come from target/test-classes or, in a full build, from *-tests.jar
    ImportOption mainOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
    classes = new ClassFileImporter().withImportOption(mainOnly).importPackages("dev.ballast");
  }

  @Test
  void theRulesSeeEveryModule() {
    for (String name : new String[] {"dev.ballast.engine.account.AccountLedger", "dev.ballast.adapters.statement.json.JsonTransactionFile",
        "dev.ballast.persistence.query.BallastQueries", "dev.ballast.api.Main"}) {
      org.junit.jupiter.api.Assertions.assertTrue(classes.contain(name), name + " was not imported: the rules would check nothing");
    }
  }

  @Test
  void theEngineImportsNothingOfOurOtherModules() {
    noClasses().that().resideInAPackage("dev.ballast.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.adapters..", "dev.ballast.persistence..", "dev.ballast.api..")
        .check(classes);
  }

  @Test
  void theEngineDoesNoNetworkSqlOrFiles() {
    noClasses().that().resideInAPackage("dev.ballast.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net..", "java.nio.file..")
        // java.io's exceptions come with Jackson's reader API; its files and streams stay out
        .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(File|RandomAccessFile|.*Stream|.*Reader|.*Writer).*")
        .check(classes);
  }

  @Test
  void theModelLedgerAndAnalyticsDoNotImportPekko() {
    noClasses().that().resideInAnyPackage("dev.ballast.engine.model..", "dev.ballast.engine.ledger..", "dev.ballast.engine.analytics..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
        .check(classes);
  }

  @Test
  void adaptersDependOnTheEngineOnly() {
    noClasses().that().resideInAPackage("dev.ballast.adapters..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.persistence..", "dev.ballast.api..")
        .check(classes);
  }

  @Test
  void persistenceDependsOnTheEngineOnly() {
    noClasses().that().resideInAPackage("dev.ballast.persistence..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.adapters..", "dev.ballast.api..")
        .check(classes);
  }

  @Test
  void sqlLivesOnlyInPersistence() {
    noClasses().that().resideOutsideOfPackages("dev.ballast.persistence..", "dev.ballast.api.bench..")
        .and().resideInAPackage("dev.ballast..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .check(classes);
  }
}
