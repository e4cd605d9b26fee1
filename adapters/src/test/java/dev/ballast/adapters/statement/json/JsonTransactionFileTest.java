package dev.ballast.adapters.statement.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.adapters.FileFormatException;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTransactionFileTest {
  @TempDir Path dir;

  private Path file(String... lines) throws Exception {
    Path file = dir.resolve("batch.json");
    Files.writeString(file, String.join("\n", lines));
    return file;
  }

  private static String deposit(String externalId, String quantity) {
    return "  {\"type\": \"DEPOSIT\", \"timestamp\": \"2025-01-01T00:00:00Z\", \"asset\": \"JPY\", \"quantity\": " + quantity
        + ", \"source\": \"file\", \"externalId\": \"" + externalId + "\"}";
  }

  private FileFormatException refusal(Path file) {
    return assertThrows(FileFormatException.class, () -> JsonTransactionFile.read(file));
  }

  @Test
  void rowsReadWithTheirLines() throws Exception {
    var batch = JsonTransactionFile.read(file("[", deposit("1", "100"), ",", deposit("2", "0.5"), "]"));
    assertEquals(2, batch.transactions().size());
    assertEquals(4, batch.lineOf(2));
    assertEquals(TransactionType.DEPOSIT, batch.transactions().get(1).type());
    assertEquals(new BigDecimal("0.5"), batch.transactions().get(1).quantity().value());
  }

  @Test
  void aNumberBeyondTheLimitsNamesItsLineAndField() throws Exception {
    FileFormatException e = refusal(file("[", deposit("1", "100") + ",", deposit("2", "1e1000"), "]"));
    assertEquals(3, e.line());
    assertEquals("quantity", e.field());
    FileFormatException digits = refusal(file("[", deposit("1", "9".repeat(999)), "]"));
    assertEquals("quantity", digits.field());
    assertEquals(2, digits.line());
  }

  @Test
  void theKeySeparatorAndLoosePartsAreRefused() throws Exception {
    assertEquals("externalId", refusal(file("[", deposit("y\\u001fz", "1"), "]")).field());
    assertEquals("timestamp", refusal(file("[", deposit("1", "1").replace("\"2025-01-01T00:00:00Z\"", "123"), "]")).field());
    assertEquals("type", refusal(file("[", deposit("1", "1").replace("\"DEPOSIT\"", "\"DEPOSIT \""), "]")).field());
    assertEquals("quantity", refusal(file("[", deposit("1", "\"1\""), "]")).field());
    assertEquals("source", refusal(file("[", deposit("1", "1").replace("\"file\"", "\"" + "s".repeat(60_000) + "\""), "]")).field());
  }

  @Test
  void oneRecordWithTwoContentsIsRefusedNamingBothRows() throws Exception {
    FileFormatException e = refusal(file("[", deposit("1", "100") + ",", deposit("1", "200"), "]"));
    assertEquals(2, e.line());
    assertEquals("externalId", e.field());
    assertTrue(e.getMessage().contains("the row on line 3") && e.getMessage().contains("1 more problem"), e.getMessage());
    assertEquals(2, JsonTransactionFile.read(file("[", deposit("1", "100") + ",", deposit("1", "100"), "]")).transactions().size());
  }
}
