package dev.ballast.adapters.marketdata.manual;

import dev.ballast.adapters.FileFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prices and per-10,000-unit NAVs from CSV, exact, with the file, line and field of a bad line. */
class ManualPriceCsvReaderTest {
  private static List<ManualPrice> read(String csv, String perUnits) throws IOException {
    return new ManualPriceCsvReader().read(new StringReader(csv), "nav.csv", new BigDecimal(perUnits));
  }

  @Test
  void aFundsNavPerTenThousandUnitsIsThePricePerUnitExactly() throws IOException {
    String csv = "\uFEFF基準日,基準価額(円),純資産総額（百万円）\n2024/04/01,\"23,456\",\"1,234,567\"\n2024年4月2日,23501,1234999\n";
    assertEquals(List.of(new ManualPrice(2, LocalDate.parse("2024-04-01"), new BigDecimal("2.3456")),
        new ManualPrice(3, LocalDate.parse("2024-04-02"), new BigDecimal("2.3501"))), read(csv, "10000"));
  }

  @Test
  void plainPricesAreTakenAsTheyAre() throws IOException {
    assertEquals(List.of(new ManualPrice(2, LocalDate.parse("2024-03-29"), new BigDecimal("101.25"))),
        read("date,price\n2024-03-29,101.25\n", "1"));
  }

  @Test
  void aBadLineNamesTheFileLineAndFieldAndRejectsTheFile() {
    FileFormatException date = assertThrows(FileFormatException.class,
        () -> read("date,nav\n2024-04-01,100\n2024-13-01,101\n", "1"));
    assertEquals("nav.csv line 3, field date: expected a date yyyy-mm-dd, yyyy/mm/dd or yyyy年m月d日, got \"2024-13-01\"", date.getMessage());
    FileFormatException zero = assertThrows(FileFormatException.class, () -> read("date,nav\n2024-04-01,0\n", "1"));
    assertEquals("nav.csv line 2, field nav: must be greater than zero, got 0", zero.getMessage());
    FileFormatException twice = assertThrows(FileFormatException.class,
        () -> read("date,price\n2024-04-01,100\n2024-04-01,101\n", "1"));
    assertEquals("nav.csv line 3, field date: 2024-04-01 is priced on line 2 already", twice.getMessage());
    FileFormatException column = assertThrows(FileFormatException.class, () -> read("day,price\n2024-04-01,100\n", "1"));
    assertEquals("nav.csv line 1: no date column: expected one of date, 基準日, 日付, got [day, price]", column.getMessage());
    FileFormatException text = assertThrows(FileFormatException.class, () -> read("date,price\n2024-04-01,abc\n", "1"));
    assertEquals("nav.csv line 2, field price: expected a decimal number, got \"abc\"", text.getMessage());
    FileFormatException empty = assertThrows(FileFormatException.class, () -> read("date,price\n", "1"));
    assertEquals("nav.csv line 1: no prices after the header", empty.getMessage());
  }
}
