package dev.ballast.engine.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.account.AccountLedger;
import dev.ballast.engine.portfolio.Portfolio;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event type has a stored sample of its current version (engine/src/test/resources/events/),
 * and every stored sample, old versions included, still reads. An event whose shape changes
 * without a new version and a migration fails here: its stored sample no longer writes back the
 * same.
 */
class StoredEventsTest {
  private static ActorTestKit testKit;
  private static Serialization serialization;
  private static final ObjectMapper PLAIN = new ObjectMapper();

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
    serialization = SerializationExtension.get(testKit.system().classicSystem());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static Stream<Class<?>> eventTypes() {
    List<Class<?>> types = new ArrayList<>();
    types.addAll(List.of(AccountLedger.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(Portfolio.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.marketdata.live.FeedGaps.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.strategy.Strategy.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.strategy.PlanRequestKey.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.risk.KillSwitch.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.execution.Execution.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.regime.MarketRegime.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.report.TradeAnnotations.Event.class.getPermittedSubclasses()));
    types.addAll(List.of(dev.ballast.engine.ops.health.JournalProbe.Event.class.getPermittedSubclasses()));
    return types.stream();
  }

  private static byte[] sample(String name) throws IOException {
    try (InputStream in = StoredEventsTest.class.getResourceAsStream("/events/" + name)) {
      assertNotNull(in, "no stored sample events/" + name);
      return in.readAllBytes();
    }
  }

  private static int currentVersion(Class<?> type) throws Exception {
    Serializer jackson = serialization.serializerFor(type);
    // any stored sample reads (older ones through the migration); its manifest when written now
    // carries the version the configured migration declares
    Object any = serialization.deserialize(latestSample(type), jackson.identifier(), type.getName()).get();
    String manifest = Serializers.manifestFor(jackson, any);
    int hash = manifest.indexOf('#');
    return hash < 0 ? 1 : Integer.parseInt(manifest.substring(hash + 1));
  }

  private static byte[] latestSample(Class<?> type) throws IOException {
    for (int v = 9; v >= 1; v--) {
      try (InputStream in = StoredEventsTest.class.getResourceAsStream("/events/" + type.getSimpleName() + "-v" + v + ".json")) {
        if (in != null) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("no stored sample of " + type.getSimpleName());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void theCurrentVersionHasAStoredSampleThatWritesBackTheSame(Class<?> type) throws Exception {
    int version = currentVersion(type);
    byte[] stored = sample(type.getSimpleName() + "-v" + version + ".json");
    Serializer jackson = serialization.serializerFor(type);
    String manifest = version == 1 ? type.getName() : type.getName() + "#" + version;

    Object read = serialization.deserialize(stored, jackson.identifier(), manifest).get();
    byte[] written = serialization.serialize(read).get();

    assertEquals(type, read.getClass());
    assertEquals(PLAIN.readTree(stored), PLAIN.readTree(written),
        type.getSimpleName() + " no longer writes its stored version-" + version + " sample back the same: a changed event"
            + " needs a new version, a JacksonMigration and a stored sample of the new version");
  }

  @Test
  void aVersionOneDecisionReadsWithoutTheDaysOfItsRatesAndAVersionTwoWithThem() throws Exception {
    Class<?> decided = dev.ballast.engine.strategy.Strategy.RebalanceDecided.class;
    Serializer jackson = serialization.serializerFor(decided);
    var v1 = (dev.ballast.engine.strategy.Strategy.RebalanceDecided) serialization.deserialize(sample("RebalanceDecided-v1.json"),
        jackson.identifier(), decided.getName()).get();
    var v2 = (dev.ballast.engine.strategy.Strategy.RebalanceDecided) serialization.deserialize(sample("RebalanceDecided-v2.json"),
        jackson.identifier(), decided.getName() + "#2").get();
    assertEquals(java.util.List.of(), v1.inputs().fxAsOf());
    assertEquals(java.util.List.of(new dev.ballast.engine.strategy.PlanInputs.FxAsOf(dev.ballast.engine.model.AssetId.of("USD"),
        dev.ballast.engine.model.AssetId.of("JPY"), java.time.LocalDate.of(2026, 2, 27), "stored")), v2.inputs().fxAsOf());
    assertEquals(v1.plan(), v2.plan());
  }

  @Test
  void aVersionTwoDecisionReadsWithoutAPolicyContextAndAVersionThreeWithItsStateBeforeAndAfter() throws Exception {
    Class<?> decided = dev.ballast.engine.strategy.Strategy.RebalanceDecided.class;
    Serializer jackson = serialization.serializerFor(decided);
    var v2 = (dev.ballast.engine.strategy.Strategy.RebalanceDecided) serialization.deserialize(sample("RebalanceDecided-v2.json"),
        jackson.identifier(), decided.getName() + "#2").get();
    var v3 = (dev.ballast.engine.strategy.Strategy.RebalanceDecided) serialization.deserialize(sample("RebalanceDecided-v3.json"),
        jackson.identifier(), decided.getName() + "#3").get();
    assertNull(v2.inputs().policy());
    assertNull(v2.plan().nextState());
    assertEquals(new java.math.BigDecimal("1200"), v3.inputs().policy().state().dca().carry());
    assertEquals(4, v3.plan().nextState().dca().periods());
    assertEquals(v2.plan().intents(), v3.plan().intents());
  }

  @Test
  void aVersionOneConfigurationReadsWithoutPolicySettings() throws Exception {
    Class<?> configured = dev.ballast.engine.strategy.Strategy.StrategyConfigured.class;
    Serializer jackson = serialization.serializerFor(configured);
    var v1 = (dev.ballast.engine.strategy.Strategy.StrategyConfigured) serialization.deserialize(sample("StrategyConfigured-v1.json"),
        jackson.identifier(), configured.getName()).get();
    var v2 = (dev.ballast.engine.strategy.Strategy.StrategyConfigured) serialization.deserialize(sample("StrategyConfigured-v2.json"),
        jackson.identifier(), configured.getName() + "#2").get();
    assertNull(v1.config().policySettings());
    assertEquals(java.time.Duration.ofDays(30), v2.config().policySettings().buckets().period());
  }

    @Test
  void aVersionOneTransactionRecordedReadsWithoutStepsAndOtherwiseAsVersionTwo() throws Exception {
    Serializer jackson = serialization.serializerFor(AccountLedger.TransactionRecorded.class);
    String type = AccountLedger.TransactionRecorded.class.getName();
    var v1 = (AccountLedger.TransactionRecorded) serialization.deserialize(sample("TransactionRecorded-v1.json"), jackson.identifier(), type).get();
    var v2 = (AccountLedger.TransactionRecorded) serialization.deserialize(sample("TransactionRecorded-v2.json"), jackson.identifier(), type + "#2").get();

    assertNull(v1.steps());
    assertNotNull(v2.steps());
    assertEquals(new AccountLedger.TransactionRecorded(v2.accountId(), v2.transactionId(), v2.recordedAt(), v2.transaction(), null,
        v2.positions(), v2.realized(), v2.removed()), v1);
  }

  @Test
  void aVersionOneTransactionRecordedIsAppliedByTheRulesItWasWrittenUnder() {
    AccountLedger.State opened = AccountLedger.applyEvent(new AccountLedger.NotOpened(),
        new AccountLedger.AccountOpened(Fixtures.accountId(), Fixtures.spec(), Fixtures.NOW));
    var legacy = new AccountLedger.TransactionRecorded(Fixtures.accountId(), "acc-1/1", Fixtures.NOW,
        Fixtures.buy(Fixtures.at(-1), "b1", "0.5", "BTC", "4000000", "JPY"), null, List.of(), List.of(), List.of());

    var state = (AccountLedger.OpenAccount) AccountLedger.applyEvent(opened, legacy);

    assertEquals(0, state.book().quantity(Fixtures.btc()).compareTo(new java.math.BigDecimal("0.5")));
    assertEquals(0, state.book().quantity(Fixtures.jpy()).compareTo(new java.math.BigDecimal("-2000000")));
  }
}
