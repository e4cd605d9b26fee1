package dev.ballast.api.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.ENUMS;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md, checked on the compiled main classes of every module. Each rule
 * here can fail: {@link ArchitectureRulesCanFailTest} runs it on a class that breaks it. The module
 * arrows themselves (engine imports no other module, adapters and persistence only the engine) are
 * kept by the poms, where a class-level rule could never fail: {@link #thePomsKeepTheModuleArrows}
 * checks the poms instead.
 */
class ArchitectureTest {
  private static final String[] ENGINE_PORT_PACKAGES = {
      "dev.ballast.engine.marketdata..", "dev.ballast.engine.execution..", "dev.ballast.engine.statement..",
      "dev.ballast.engine.account.sync..", "dev.ballast.engine.risk..", "dev.ballast.engine.strategy.."};

  /** The engine opens no files, sockets or databases: that is the adapters' and persistence's job. */
  static final ArchRule ENGINE_DOES_NO_NETWORK_SQL_OR_FILES = noClasses().that().resideInAPackage("dev.ballast.engine..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net..", "java.nio.file..")
      // a port may take the bytes of a file (StatementImporter) as an InputStream; opening files,
      // readers and writers stay out (java.io's exceptions come with Jackson's reader API)
      .orShould().dependOnClassesThat().haveNameMatching("java\\.io\\.(?!InputStream$)(File|RandomAccessFile|.*Stream|.*Reader|.*Writer).*")
      .because("the engine does no I/O (ARCHITECTURE.md: no network, no SQL, no file formats)");

  static final ArchRule MODEL_LEDGER_AND_ANALYTICS_DO_NOT_USE_PEKKO = noClasses()
      .that().resideInAnyPackage("dev.ballast.engine.model..", "dev.ballast.engine.ledger..", "dev.ballast.engine.analytics..")
      // Scala's immutable collections are fine (the ledger's lots are a persistent Vector); actors are not
      .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
      .because("pure logic is plain functions over immutable values, tested without an actor system");

  /** The ports and the records, enums and interfaces they carry; stream machinery beside them may use Pekko. */
  static final ArchRule PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA = noClasses()
      .that().resideInAnyPackage(ENGINE_PORT_PACKAGES).and().areTopLevelClasses()
      .and(assignableTo(Record.class).or(ENUMS).or(INTERFACES).as("are records, enums or interfaces"))
      .should().dependOnClassesThat().resideInAPackage("org.apache.pekko..")
      .because("a port answers with CompletionStages and plain values, so adapters and tests need no actor system");

  static final ArchRule PORTS_ARE_INTERFACES_IN_THE_ENGINE = classes()
      .that().haveSimpleName("StatementImporter").or().haveSimpleName("PriceSource")
      .or().haveSimpleName("AccountAdapter").or().haveSimpleName("VenueGateway")
      .should().beInterfaces().andShould().resideInAPackage("dev.ballast.engine..")
      .because("the outside world implements the engine's ports, never the other way round");

  static final ArchRule NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES = noFields()
      .that().areDeclaredInClassesThat().resideInAnyPackage(
          "dev.ballast.engine.model..", "dev.ballast.engine.ledger..", "dev.ballast.engine.marketdata..",
          "dev.ballast.engine.execution..", "dev.ballast.engine.statement..", "dev.ballast.engine.account.sync..")
      .should().haveRawType(double.class).orShould().haveRawType(float.class)
      .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
      .because("money, prices and quantities are exact BigDecimals; double only in analytics over long series");

  static final ArchRule THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE = noClasses()
      .that().resideInAPackage("dev.ballast.engine.model..")
      .should().dependOnClassesThat(resideInAPackage("dev.ballast.engine..")
          .and(not(resideInAnyPackage("dev.ballast.engine.model..", "dev.ballast.engine.serialization.."))))
      .because("ids, money, quantities and transactions are the bottom layer every other package builds on");

  static final ArchRule ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS = noClasses().that().resideInAPackage("dev.ballast.adapters..")
      .should().dependOnClassesThat().resideInAnyPackage("dev.ballast.engine.account", "dev.ballast.engine.portfolio..",
          "org.apache.pekko.actor..", "org.apache.pekko.persistence..", "org.apache.pekko.cluster..")
      .because("an adapter implements a port with plain values; the engine's actors call it, not the other way round");

  static final ArchRule ADAPTER_PACKAGES_ARE_INDEPENDENT = slices().matching("dev.ballast.adapters.(*).(*)..")
      .should().notDependOnEachOther()
      .because("each venue and format has one folder of its own (ARCHITECTURE.md); what kinds share sits in dev.ballast.adapters.<kind>");

  static final ArchRule SQL_LIVES_ONLY_IN_PERSISTENCE = noClasses()
      .that().resideOutsideOfPackages("dev.ballast.persistence..", "dev.ballast.api.bench..")
      .and().resideInAPackage("dev.ballast..")
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..");

  static final List<ArchRule> CLASS_RULES = List.of(
      ENGINE_DOES_NO_NETWORK_SQL_OR_FILES, MODEL_LEDGER_AND_ANALYTICS_DO_NOT_USE_PEKKO, PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA,
      PORTS_ARE_INTERFACES_IN_THE_ENGINE, NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES,
      THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE, ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS, ADAPTER_PACKAGES_ARE_INDEPENDENT,
      SQL_LIVES_ONLY_IN_PERSISTENCE);

  /** The ballast modules each module's main code may depend on; api may depend on all. */
  static final Map<String, Set<String>> ALLOWED_MODULE_DEPENDENCIES = Map.of(
      "engine", Set.of(),
      "adapters", Set.of("ballast-engine"),
      "persistence", Set.of("ballast-engine"));

  private static JavaClasses classes;

  /** Main classes only: test classes come from target/test-classes or, in a full build, from *-tests.jar. */
  static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("dev.ballast");
  }

  @Test
  void theRulesSeeEveryModuleAndEveryPort() {
    for (String name : new String[] {"dev.ballast.engine.account.AccountLedger", "dev.ballast.adapters.statement.json.JsonTransactionFile",
        "dev.ballast.adapters.statement.json.JsonStatementImporter", "dev.ballast.adapters.valuation.csv.ValueSeriesCsvReader",
        "dev.ballast.persistence.query.BallastQueries", "dev.ballast.api.Main",
        "dev.ballast.engine.statement.StatementImporter", "dev.ballast.engine.marketdata.PriceSource",
        "dev.ballast.engine.account.sync.AccountAdapter", "dev.ballast.engine.execution.VenueGateway"}) {
      assertTrue(classes.contain(name), name + " was not imported: the rules would check nothing");
    }
  }

  @Test
  void theRulesSeeNoTestClass() {
    // the deliberate violators sit in the test tree under engine and adapters packages: were test
    // classes imported, every rule would fail here; were the engine test-jar imported, the doubles would
    Set<String> testOnly = Set.of("dev.ballast.engine.Fixtures", "dev.ballast.engine.marketdata.InMemoryPriceSource",
        "dev.ballast.engine.execution.InMemoryVenueGateway", "dev.ballast.engine.statement.LineStatementImporter",
        "dev.ballast.engine.account.sync.InMemoryAccountAdapter", ArchitectureTest.class.getName());
    List<String> leaked = classes.stream().map(c -> c.getName())
        .filter(n -> n.contains(".archviolation.") || testOnly.contains(n))
        .toList();
    assertEquals(List.of(), leaked);
  }

  @Test
  void theEngineDoesNoNetworkSqlOrFiles() {
    ENGINE_DOES_NO_NETWORK_SQL_OR_FILES.check(classes);
  }

  @Test
  void theModelLedgerAndAnalyticsDoNotUsePekko() {
    MODEL_LEDGER_AND_ANALYTICS_DO_NOT_USE_PEKKO.check(classes);
  }

  @Test
  void portsAndTheirValuesArePlainJava() {
    PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA.check(classes);
  }

  @Test
  void portsAreInterfacesInTheEngine() {
    PORTS_ARE_INTERFACES_IN_THE_ENGINE.check(classes);
  }

  @Test
  void noFloatingPointInTheLedgerModelOrPortValues() {
    NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES.check(classes);
  }

  @Test
  void theModelDependsOnNothingElseInTheEngine() {
    THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE.check(classes);
  }

  @Test
  void adaptersStayOutOfEntitiesAndActors() {
    ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS.check(classes);
  }

  @Test
  void adapterPackagesAreIndependent() {
    ADAPTER_PACKAGES_ARE_INDEPENDENT.check(classes);
  }

  @Test
  void sqlLivesOnlyInPersistence() {
    SQL_LIVES_ONLY_IN_PERSISTENCE.check(classes);
  }

  @Test
  void thePomsKeepTheModuleArrows() {
    // surefire runs in the api module's folder; the other modules are its siblings
    for (var module : ALLOWED_MODULE_DEPENDENCIES.entrySet()) {
      Path pom = Path.of("..", module.getKey(), "pom.xml");
      assertEquals(List.of(), ModuleDependencies.notAllowed(ModuleDependencies.mainDependencies(pom), module.getValue()),
          module.getKey() + "/pom.xml depends on modules it must not (ARCHITECTURE.md)");
    }
  }
}
