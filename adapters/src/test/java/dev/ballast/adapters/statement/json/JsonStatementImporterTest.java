package dev.ballast.adapters.statement.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementImporterContract;
import dev.ballast.engine.statement.StatementResult;
import dev.ballast.engine.statement.StatementRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonStatementImporterTest extends StatementImporterContract {

  private static byte[] sample(String name) {
    try (InputStream in = JsonStatementImporterTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected StatementImporter importer() {
    return new JsonStatementImporter();
  }

  @Override
  protected byte[] validSample() {
    return sample("transactions.json");
  }

  @Override
  protected int transactionsInValidSample() {
    return 3;
  }

  @Test
  void theSampleReadsExactlyWithTheLineEachRowStartsOn() {
    StatementResult result = readAll(validSample());
    assertEquals(List.of(2, 4, 7), result.rows().stream().map(StatementRow::line).toList());
    Transaction sell = result.transactions().get(2);
    assertEquals(TransactionType.SELL, sell.type());
    assertEquals("15500000.5", sell.price().value().toPlainString());
    assertEquals("0.00001 BTC", sell.fee().amount().toPlainString() + " " + sell.fee().currency());
    assertEquals("my-notes:2026-01-20-1", sell.ref().toString());
  }

  @Test
  void everyBadRowIsListedAndTheGoodOnesAreStillRead() {
    StatementResult result = readAll(sample("transactions-with-bad-rows.json"));
    assertEquals(List.of("d-1", "d-6"), result.transactions().stream().map(Transaction::externalId).toList());
    // a field that does not map is named on the line where reading stopped in its row: an unknown
    // key is found out once the whole row is read, at its last line (8; the row starts on line 7)
    assertEquals(List.of(4, 6, 8, 9), result.errors().stream().map(StatementError::line).toList());
    assertEquals(List.of("type", "source", "colour", "transaction"), result.errors().stream().map(StatementError::field).toList());
    result.errors().forEach(e -> assertInstanceOf(StatementError.InvalidRow.class, e));
  }

  @Test
  void brokenJsonStopsTheReadingAtItsLine() {
    String broken = "[\n  {\"type\": \"DEPOSIT\", \"asset\": \"JPY\",\n  \"quantity\": 1 \"source\": \"x\"}\n]";
    StatementResult result = readAll(broken.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, result.errors().size());
    StatementError error = result.errors().get(0);
    assertInstanceOf(StatementError.UnreadableFile.class, error);
    assertEquals(3, error.line());
  }

  @Test
  void anEmptyArrayAndAnotherJsonAreRefusedNamingWhy() {
    assertEquals("line 1: the file has no transactions", readAll("[]".getBytes(StandardCharsets.UTF_8)).errors().get(0).message());
    assertEquals(List.of(new StatementError.WrongFormat(JsonStatementImporter.FORMAT.expects(), "an object without a \"transactions\" array first")),
        readAll("{\"rows\": []}".getBytes(StandardCharsets.UTF_8)).errors());
  }

  @Test
  void rowsAreReadStrictlyAndHeldToTheInputLimitsLikeTheApi() {
    String row = "{\"type\": \"DEPOSIT\", \"timestamp\": \"2026-01-05T00:00:00Z\", \"asset\": \"JPY\", \"quantity\": 1,"
        + " \"source\": \"s\", \"externalId\": \"ID\"}";
    String file = "[\n" + String.join(",\n",
        row.replace("ID", "1").replace("\"2026-01-05T00:00:00Z\"", "123"),
        row.replace("ID", "2").replace("\"DEPOSIT\"", "\"DEPOSIT \""),
        row.replace("ID", "3").replace("1,", "\"1\","),
        row.replace("ID", "4").replace("1,", "1e30,"),
        row.replace("ID", "5"),
        row.replace("ID", "5").replace("1,", "2,")) + "\n]";
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), result.transactions().stream().map(Transaction::externalId).filter(id -> !id.equals("5")).toList());
    assertEquals(List.of("2:timestamp", "3:type", "4:quantity", "5:quantity", "6:externalId", "7:externalId"),
        result.errors().stream().sorted(java.util.Comparator.comparingInt(StatementError::line)).map(e -> e.line() + ":" + e.field()).toList());
  }
}
