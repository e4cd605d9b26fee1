package dev.ballast.engine.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.TaxWrapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Version-1 and version-2 AccountOpened events from the journal still read, into the current record. */
class AccountOpenedMigrationTest {

  private static final String CLASS = "dev.ballast.engine.account.AccountLedger$AccountOpened";
  private static final AccountLedger.AccountOpened EXPECTED =
      new AccountLedger.AccountOpened(
          AccountId.of("rakuten-nisa"),
          new AccountSpec("Rakuten NISA", AccountKind.BROKER, "rakuten", Fixtures.jpy(), TaxWrapper.NISA, false),
          Instant.parse("2024-01-05T09:00:00Z"));

  private static final AccountLedger.AccountOpened EXPECTED_V2 =
      new AccountLedger.AccountOpened(
          AccountId.of("binance-margin"),
          new AccountSpec("Binance margin", AccountKind.EXCHANGE, "binance", Fixtures.jpy(), TaxWrapper.GENERAL, true, CostMethod.FIFO),
          Instant.parse("2025-03-01T00:00:00Z"));

  private static ActorTestKit testKit;
  private static Serialization serialization;
  private static Serializer jackson;

  @BeforeAll
  static void start() throws Exception {
    testKit = ActorTestKit.create();
    serialization = SerializationExtension.get(testKit.system().classicSystem());
    jackson = serialization.serializerFor(AccountLedger.AccountOpened.class);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static byte[] v1() throws IOException {
    return stored("/events/AccountOpened-v1.json");
  }

  private static byte[] v2() throws IOException {
    return stored("/events/AccountOpened-v2.json");
  }

  private static byte[] stored(String resource) throws IOException {
    try (InputStream in = AccountOpenedMigrationTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  @Test
  void theFixtureReallyIsVersionOne() throws IOException {
    JsonNode spec = new ObjectMapper().readTree(v1()).get("spec");
    assertTrue(spec.has("wrapper"));
    assertFalse(spec.has("taxWrapper"));
    assertFalse(spec.has("allowShort"));
  }

  @Test
  void theSecondFixtureReallyIsVersionTwo() throws IOException {
    JsonNode spec = new ObjectMapper().readTree(v2()).get("spec");
    assertTrue(spec.has("taxWrapper"));
    assertTrue(spec.has("allowShort"));
    assertFalse(spec.has("costMethod"));
  }

  @Test
  void eventsAreWrittenWithVersionThreeInTheManifest() {
    assertEquals(CLASS + "#3", Serializers.manifestFor(jackson, EXPECTED));
  }

  @Test
  void aVersionOneEventIsCostedFifo() throws IOException {
    Object read = serialization.deserialize(v1(), jackson.identifier(), CLASS).get();
    assertEquals(CostMethod.FIFO, ((AccountLedger.AccountOpened) read).spec().costMethod());
  }

  @Test
  void aVersionTwoEventReadsIntoTheCurrentRecordCostedFifo() throws IOException {
    Object read = serialization.deserialize(v2(), jackson.identifier(), CLASS + "#2").get();
    assertEquals(EXPECTED_V2, read);
  }

  @Test
  void aVersionThreeEventKeepsItsCostMethod() {
    AccountLedger.AccountOpened totalAverage = new AccountLedger.AccountOpened(AccountId.of("tokyo"),
        new AccountSpec("Tokyo", AccountKind.EXCHANGE, "bitflyer", Fixtures.jpy(), TaxWrapper.GENERAL, false, CostMethod.TOTAL_AVERAGE),
        Fixtures.NOW);
    byte[] bytes = serialization.serialize(totalAverage).get();

    Object read = serialization.deserialize(bytes, jackson.identifier(), CLASS + "#3").get();

    assertEquals(totalAverage, read);
  }

  @Test
  void theMigrationAddsFifoOnlyWhereNoMethodIsGiven() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode without = mapper.readTree("{\"spec\":{\"taxWrapper\":\"GENERAL\",\"allowShort\":false}}");
    JsonNode with = mapper.readTree("{\"spec\":{\"taxWrapper\":\"GENERAL\",\"allowShort\":false,\"costMethod\":\"AVERAGE\"}}");

    assertEquals("FIFO", new AccountOpenedMigration().transform(2, without).get("spec").get("costMethod").asText());
    assertEquals("AVERAGE", new AccountOpenedMigration().transform(2, with).get("spec").get("costMethod").asText());
  }

  @Test
  void aVersionOneEventWithoutVersionInTheManifestReadsIntoTheCurrentRecord() throws IOException {
    // Pekko writes no "#N" for version 1, so this is how a v1 event sits in the journal
    Object read = serialization.deserialize(v1(), jackson.identifier(), CLASS).get();
    assertEquals(EXPECTED, read);
  }

  @Test
  void aVersionOneEventWithAnExplicitVersionReadsIntoTheCurrentRecord() throws IOException {
    Object read = serialization.deserialize(v1(), jackson.identifier(), CLASS + "#1").get();
    assertEquals(EXPECTED, read);
  }

  @Test
  void aVersionTwoEventIsLeftAsItIs() {
    AccountLedger.AccountOpened margin =
        new AccountLedger.AccountOpened(AccountId.of("margin"), Fixtures.marginSpec(), Fixtures.NOW);
    byte[] bytes = serialization.serialize(margin).get();

    Object read = serialization.deserialize(bytes, jackson.identifier(), CLASS + "#2").get();

    assertEquals(margin, read);
    assertTrue(((AccountLedger.AccountOpened) read).spec().allowShort());
  }

  @Test
  void theMigrationKeepsATaxWrapperThatIsAlreadyThere() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode json = mapper.readTree("{\"spec\":{\"wrapper\":\"NISA\",\"taxWrapper\":\"GENERAL\",\"allowShort\":true}}");

    JsonNode migrated = new AccountOpenedMigration().transform(1, json);

    assertEquals("GENERAL", migrated.get("spec").get("taxWrapper").asText());
    assertFalse(migrated.get("spec").has("wrapper"));
    assertTrue(migrated.get("spec").get("allowShort").asBoolean());
  }
}
