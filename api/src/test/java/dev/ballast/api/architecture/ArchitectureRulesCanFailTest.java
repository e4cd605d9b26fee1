package dev.ballast.api.architecture;

import static dev.ballast.api.architecture.ArchitectureTest.ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS;
import static dev.ballast.api.architecture.ArchitectureTest.ADAPTER_PACKAGES_ARE_INDEPENDENT;
import static dev.ballast.api.architecture.ArchitectureTest.ENGINE_DOES_NO_NETWORK_SQL_OR_FILES;
import static dev.ballast.api.architecture.ArchitectureTest.MODEL_LEDGER_AND_ANALYTICS_DO_NOT_USE_PEKKO;
import static dev.ballast.api.architecture.ArchitectureTest.NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES;
import static dev.ballast.api.architecture.ArchitectureTest.PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA;
import static dev.ballast.api.architecture.ArchitectureTest.PORTS_ARE_INTERFACES_IN_THE_ENGINE;
import static dev.ballast.api.architecture.ArchitectureTest.SQL_LIVES_ONLY_IN_PERSISTENCE;
import static dev.ballast.api.architecture.ArchitectureTest.THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.ballast.adapters.archviolation.AdapterCallingAnEntity;
import dev.ballast.adapters.archviolation.AdapterHoldingAnActor;
import dev.ballast.adapters.archviolation.AdapterWithSql;
import dev.ballast.adapters.statement.LineDecodingReader;
import dev.ballast.adapters.venue.archviolationa.GatewayOfVenueA;
import dev.ballast.adapters.venue.archviolationb.GatewayOfVenueB;
import dev.ballast.adapters.venue.archviolationb.KindShared;
import dev.ballast.engine.archviolation.EngineOpeningAFileReader;
import dev.ballast.engine.archviolation.EngineReadingAFile;
import dev.ballast.engine.archviolation.EngineTakingBytes;
import dev.ballast.engine.execution.archviolation.FillInBoxedDoubles;
import dev.ballast.engine.ledger.archviolation.LotInDoubles;
import dev.ballast.engine.marketdata.archviolation.FeedPortReturningASource;
import dev.ballast.engine.marketdata.archviolation.PriceBusUsingPekko;
import dev.ballast.engine.marketdata.archviolation.QuoteHoldingAnActorRef;
import dev.ballast.engine.model.archviolation.ModelHoldingAnActorRef;
import dev.ballast.engine.model.archviolation.ModelUsingTheLedger;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every rule of {@link ArchitectureTest} fails on a class written to break it (in the test tree,
 * under the package the rule guards), so no rule can quietly become one that checks nothing; where
 * a rule makes an exception, a class inside the exception shows that it still passes.
 */
class ArchitectureRulesCanFailTest {

  private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
    return rule.evaluate(new ClassFileImporter().importClasses(classes));
  }

  private static void fails(ArchRule rule, Class<?> violator, Class<?>... with) {
    Class<?>[] all = new Class<?>[with.length + 1];
    all[0] = violator;
    System.arraycopy(with, 0, all, 1, with.length);
    EvaluationResult result = evaluate(rule, all);
    assertTrue(result.hasViolation(), rule.getDescription() + " let " + violator.getSimpleName() + " through");
    String report = String.join("\n", result.getFailureReport().getDetails());
    assertTrue(report.contains(violator.getName()), "the report names " + violator.getName() + ":\n" + report);
  }

  private static void passes(ArchRule rule, Class<?>... classes) {
    EvaluationResult result = evaluate(rule, classes);
    assertFalse(result.hasViolation(), String.join("\n", result.getFailureReport().getDetails()));
  }

  @Test
  void everyClassRuleHasItsViolatorHere() {
    // a rule added to ArchitectureTest without a test below is caught by this count
    assertEquals(9, new HashSet<>(ArchitectureTest.CLASS_RULES).size());
  }

  @Test
  void theMainOnlyImportLeavesOutTheViolatorsAndTheEngineTestJar() {
    String violator = EngineReadingAFile.class.getName();
    String fixtures = "dev.ballast.engine.Fixtures";
    var everything = new ClassFileImporter().importPackages("dev.ballast.engine");
    assertTrue(everything.contain(violator) && everything.contain(fixtures), "the test classes are on this classpath");
    var main = new ClassFileImporter().withImportOption(ArchitectureTest.MAIN_ONLY).importPackages("dev.ballast.engine");
    assertFalse(main.contain(violator) || main.contain(fixtures), "the rules see test classes");
    assertTrue(main.contain("dev.ballast.engine.model.Transaction"));
  }

  @Test
  void theEngineOpeningFilesFails() {
    fails(ENGINE_DOES_NO_NETWORK_SQL_OR_FILES, EngineReadingAFile.class);
    fails(ENGINE_DOES_NO_NETWORK_SQL_OR_FILES, EngineOpeningAFileReader.class);
    passes(ENGINE_DOES_NO_NETWORK_SQL_OR_FILES, EngineTakingBytes.class);
  }

  @Test
  void pekkoInTheModelFails() {
    fails(MODEL_LEDGER_AND_ANALYTICS_DO_NOT_USE_PEKKO, ModelHoldingAnActorRef.class);
  }

  @Test
  void pekkoInAPortOrItsValuesFails() {
    fails(PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA, QuoteHoldingAnActorRef.class);
    fails(PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA, FeedPortReturningASource.class);
    passes(PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA, PriceBusUsingPekko.class, dev.ballast.engine.marketdata.Quote.class);
  }

  @Test
  void aPortThatIsAClassOrOutsideTheEngineFails() {
    fails(PORTS_ARE_INTERFACES_IN_THE_ENGINE, dev.ballast.engine.archviolation.PriceSource.class);
    fails(PORTS_ARE_INTERFACES_IN_THE_ENGINE, dev.ballast.adapters.archviolation.VenueGateway.class);
    passes(PORTS_ARE_INTERFACES_IN_THE_ENGINE, dev.ballast.engine.marketdata.PriceSource.class, dev.ballast.engine.execution.VenueGateway.class);
  }

  @Test
  void aDoubleInTheLedgerOrAPortValueFails() {
    fails(NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES, LotInDoubles.class);
    fails(NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES, FillInBoxedDoubles.class);
    // analytics may use double (OhlcSample is all doubles); market data keeps exact prices
    passes(NO_FLOATING_POINT_IN_THE_LEDGER_MODEL_OR_PORT_VALUES, dev.ballast.engine.analytics.series.OhlcSample.class,
        dev.ballast.engine.marketdata.OhlcBar.class);
  }

  @Test
  void theModelUsingTheLedgerFails() {
    fails(THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE, ModelUsingTheLedger.class);
    passes(THE_MODEL_DEPENDS_ON_NOTHING_ELSE_IN_THE_ENGINE, dev.ballast.engine.model.Transaction.class);
  }

  @Test
  void anAdapterReachingIntoAnEntityOrAnActorFails() {
    fails(ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS, AdapterCallingAnEntity.class);
    fails(ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS, AdapterHoldingAnActor.class);
  }

  @Test
  void oneVenueUsingAnotherFails() {
    fails(ADAPTER_PACKAGES_ARE_INDEPENDENT, GatewayOfVenueA.class, GatewayOfVenueB.class);
    passes(ADAPTER_PACKAGES_ARE_INDEPENDENT, KindShared.class, LineDecodingReader.class);
  }

  @Test
  void sqlOutsidePersistenceFails() {
    fails(SQL_LIVES_ONLY_IN_PERSISTENCE, AdapterWithSql.class);
  }

  @Test
  void aPomWithAForbiddenModuleFails() throws Exception {
    String pom = """
        <project>
          <dependencyManagement><dependencies>
            <dependency><groupId>dev.ballast</groupId><artifactId>ballast-api</artifactId></dependency>
          </dependencies></dependencyManagement>
          <dependencies>
            <dependency><groupId>org.scala-lang</groupId><artifactId>scala-library</artifactId></dependency>
            <dependency><groupId>${project.groupId}</groupId><artifactId>ballast-persistence</artifactId></dependency>
            <dependency><groupId>dev.ballast</groupId><artifactId>ballast-adapters</artifactId><scope>test</scope></dependency>
          </dependencies>
        </project>
        """;
    List<String> dependencies = ModuleDependencies.mainDependencies(new ByteArrayInputStream(pom.getBytes(StandardCharsets.UTF_8)));
    // managed versions and test-scoped dependencies put nothing on the main classpath
    assertEquals(List.of("ballast-persistence"), dependencies);
    assertEquals(List.of("ballast-persistence"), ModuleDependencies.notAllowed(dependencies, ArchitectureTest.ALLOWED_MODULE_DEPENDENCIES.get("engine")));
    assertEquals(List.of(), ModuleDependencies.notAllowed(List.of("ballast-engine"), Set.of("ballast-engine")));
  }
}
