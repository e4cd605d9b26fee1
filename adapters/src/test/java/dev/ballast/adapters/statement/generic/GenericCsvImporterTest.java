package dev.ballast.adapters.statement.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenericCsvImporterTest extends StatementImporterContract {
  static final String DIR = "/dev/ballast/adapters/statement/generic/";

  static GenericMapping mapping() {
    return GenericMapping.from("mybroker", ConfigFactory.parseString(text(DIR + "mybroker.conf")));
  }

  static String text(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  static byte[] bytes(String resource) {
    try (InputStream in = GenericCsvImporterTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected StatementImporter importer() {
    return new GenericCsvImporter(mapping());
  }

  @Override
  protected byte[] validSample() {
    return bytes(DIR + "mybroker.csv");
  }

  @Override
  protected int transactionsInValidSample() {
    return 6;
  }

  @Test
  void eachRowBecomesItsTransactionWithTokyoTimesGroupedNumbersAndTheSellsSize() {
    StatementResult result = readAll(validSample());
    List<Transaction> txs = result.transactions();
    assertEquals(List.of(2, 3, 4, 6, 7, 8), result.rows().stream().map(StatementRow::line).toList());
    Transaction deposit = txs.get(0);
    assertEquals(TransactionType.DEPOSIT, deposit.type());
    assertEquals(Instant.parse("2026-01-05T00:00:00Z"), deposit.timestamp());
    assertEquals(Quantity.of("1000000"), deposit.quantity());
    Transaction buy = txs.get(1);
    assertEquals(Price.of("15000000", "JPY"), buy.price());
    assertEquals(Money.of("150", "JPY"), buy.fee());
    assertEquals(Instant.parse("2026-01-06T01:30:00Z"), buy.timestamp());
    Transaction sell = txs.get(3);
    assertEquals(TransactionType.SELL, sell.type());
    assertEquals(Quantity.of("0.005"), sell.quantity());
    Transaction dividend = txs.get(5);
    assertEquals(Money.of("5.2", "USD"), dividend.amount());
    assertEquals(Money.of("0.52", "USD"), dividend.tax());
    assertEquals(TaxWrapper.NISA, result.rows().get(5).taxWrapper().orElseThrow());
    assertEquals(TaxWrapper.TAXABLE, result.rows().get(0).taxWrapper().orElseThrow());
    assertTrue(txs.stream().allMatch(t -> t.source().equals("generic:mybroker")));
  }

  @Test
  void twoIdenticalRowsAreTwoRecordsByTheirOccurrenceAndALaterExportRepeatsTheirIds() {
    List<Transaction> txs = readAll(validSample()).transactions();
    String first = txs.get(1).externalId();
    String second = txs.get(2).externalId();
    assertNotEquals(first, second);
    assertEquals(first.substring(0, first.indexOf('-')), second.substring(0, second.indexOf('-')));
    assertTrue(first.endsWith("-1") && second.endsWith("-2"), first + " " + second);
    // a later export: the same rows with one more at the end, and 1.50-style formatting changed
    String later = text(DIR + "mybroker.csv").replace("\"15,000,000\"", "15000000.00") + "2026/04/01 09:00,Buy,VTI,1,310,USD,,,,NISA\r\n";
    List<Transaction> again = readAll(later.getBytes(StandardCharsets.UTF_8)).transactions();
    assertEquals(txs.stream().map(Transaction::externalId).toList(), again.subList(0, 6).stream().map(Transaction::externalId).toList());
  }

  @Test
  void columnsAreFoundByTheirNamesInAnyOrder() {
    String shuffled = "Account,Ccy,Qty,Symbol,Action,Date,Price,Amount,Commission,Withheld\n"
        + "Taxable,JPY,0.01,BTC,Buy,2026/01/06 10:30,\"15,000,000\",,150,\n";
    StatementResult result = readAll(shuffled.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), result.errors());
    assertEquals(readAll(validSample()).transactions().get(1), result.transactions().get(0));
  }

  @Test
  void aMissingColumnIsTheWrongFormatNamingIt() {
    String file = "Date,Action,Symbol,Qty,Price,Ccy,Amount,Commission,Account\n2026/01/06 10:30,Buy,BTC,1,1,JPY,,,Taxable\n";
    assertFalse(importer().recognises(file.getBytes(StandardCharsets.UTF_8)));
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, result.errors().size());
    StatementError error = result.errors().get(0);
    assertTrue(error instanceof StatementError.WrongFormat);
    assertTrue(error.reason().endsWith("without Withheld"), error.reason());
  }

  @Test
  void everyBadCellIsNamedByLineAndColumn() {
    String file = "Date,Action,Symbol,Qty,Price,Ccy,Amount,Commission,Withheld,Account\n"
        + "2026/13/06 10:30,Buy,BTC,0.01,15000000,JPY,,150,,Taxable\n"
        + "2026/01/06 10:30,Gift,BTC,0.01,15000000,JPY,,150,,Taxable\n"
        + "2026/01/06 10:30,Buy,BTC,1e5,15000000,JPY,,150,,Taxable\n"
        + "2026/01/06 10:30,Buy,BTC,1,15000000,JPY,,150,,Roth\n"
        + "2026/01/06 10:30,Buy,BTC,1,15000000,JPY,,150,,Taxable\n";
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, result.rows().size());
    assertEquals(List.of("2:Date", "3:Action", "4:Qty", "5:Account"),
        result.errors().stream().map(e -> e.line() + ":" + e.field()).toList());
    assertEquals("not a number: \"1e5\"", result.errors().get(2).reason());
  }

  @Test
  void aTenThousandDigitAmountIsReadAsANumberAndLeftToTheInputLimits() {
    String file = "Date,Action,Symbol,Qty,Price,Ccy,Amount,Commission,Withheld,Account\n"
        + "2026/01/06 10:30,Buy,BTC," + "9".repeat(10_000) + ",1,JPY,,,,Taxable\n";
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(new BigDecimal("9".repeat(10_000)), result.transactions().get(0).quantity().value());
  }

  @Test
  void aLineLongerThanTheBoundMakesTheFileUnreadable() {
    String file = "Date,Action,Symbol,Qty,Price,Ccy,Amount,Commission,Withheld,Account\n"
        + "2026/01/06 10:30,Buy,BTC," + "9".repeat(100_000) + ",1,JPY,,,,Taxable\n";
    StatementResult result = readAll(file.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), result.rows());
    assertEquals(List.of(new StatementError.UnreadableFile(2, "a line is longer than 65536 characters")), result.errors());
  }

  @Test
  void aByteThatIsNotUtf8MakesTheFileUnreadableAtItsLine() {
    byte[] valid = validSample();
    byte[] bad = java.util.Arrays.copyOf(valid, valid.length);
    int thirdLine = new String(valid, StandardCharsets.UTF_8).indexOf("2026/01/06");
    bad[thirdLine] = (byte) 0xff;
    StatementResult result = readAll(bad);
    assertFalse(result.isClean());
    assertTrue(result.errors().get(0) instanceof StatementError.UnreadableFile, result.errors().toString());
    assertTrue(result.errors().get(0).reason().startsWith("not UTF-8"), result.errors().toString());
  }

  @Test
  void aBrokenMappingNamesItsSetting() {
    var e = assertThrows(IllegalArgumentException.class, () -> GenericMapping.from("x",
        ConfigFactory.parseString("date { column = D, zone = Mars/Olympus }\ntype { column = T }\nasset = A\nquantity = Q")));
    assertTrue(e.getMessage().startsWith("mapping x, date.zone:"), e.getMessage());
    var t = assertThrows(IllegalArgumentException.class, () -> GenericMapping.from("x",
        ConfigFactory.parseString("date { column = D }\ntype { column = T, values { b = PURCHASE } }\nasset = A\nquantity = Q")));
    assertEquals("mapping x, type.values.b: unknown TransactionType PURCHASE", t.getMessage());
  }
}
