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

/** A version-1 AccountOpened from the journal still reads, into the current record. */
class AccountOpenedMigrationTest {

  private static final String CLASS = "dev.ballast.engine.account.AccountLedger$AccountOpened";
  private static final AccountLedger.AccountOpened EXPECTED =
      new AccountLedger.AccountOpened(
          AccountId.of("rakuten-nisa"),
          new AccountSpec("Rakuten NISA", AccountKind.BROKER, "rakuten", Fixtures.jpy(), TaxWrapper.NISA, false),
          Instant.parse("2024-01-05T09:00:00Z"));

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
    try (InputStream in = AccountOpenedMigrationTest.class.getResourceAsStream("/events/AccountOpened-v1.json")) {
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
  void eventsAreWrittenWithVersionTwoInTheManifest() {
    assertEquals(CLASS + "#2", Serializers.manifestFor(jackson, EXPECTED));
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
