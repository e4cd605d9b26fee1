package dev.ballast.adapters.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.report.ReportTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class ExportWriterTest {
  static final ReportTable TABLE = new ReportTable("positions", List.of("name", "quantity", "currency", "date", "at", "lots", "note"),
      List.of(
          Arrays.asList("楽天・全米株式インデックス・ファンド", new BigDecimal("12345.678901234567890123"), "JPY", LocalDate.parse("2026-11-30"),
              Instant.parse("2026-11-30T01:02:03Z"), 3L, "a, \"quoted\"\nline"),
          Arrays.asList("BTC", new BigDecimal("1E+3"), "USD", null, null, 0L, null)));

  @Test
  void utf8CsvReadsBackExactly() throws IOException {
    byte[] bytes = ExportWriter.bytes(TABLE, ExportFormat.CSV);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("name,quantity,currency,date,at,lots,note\n"), text);
    assertFalse(text.startsWith("\uFEFF"));
    List<CSVRecord> records = parse(bytes, StandardCharsets.UTF_8);
    assertEquals(2, records.size());
    assertEquals("楽天・全米株式インデックス・ファンド", records.get(0).get("name"));
    assertEquals(new BigDecimal("12345.678901234567890123"), new BigDecimal(records.get(0).get("quantity")));
    assertEquals("2026-11-30", records.get(0).get("date"));
    assertEquals("2026-11-30T01:02:03Z", records.get(0).get("at"));
    assertEquals("a, \"quoted\"\nline", records.get(0).get("note"));
    assertEquals("1000", records.get(1).get("quantity"), "no exponent in an amount");
    assertEquals("", records.get(1).get("date"));
  }

  @Test
  void cp932CsvHasCrlfAndNoBom() throws IOException {
    byte[] bytes = ExportWriter.bytes(TABLE, ExportFormat.CSV_CP932);
    assertFalse(bytes[0] == (byte) 0xEF, "no BOM");
    String text = new String(bytes, ExportWriter.CP932);
    assertTrue(text.startsWith("name,quantity,currency,date,at,lots,note\r\n"));
    assertEquals("楽天・全米株式インデックス・ファンド", parse(bytes, ExportWriter.CP932).get(0).get("name"));
    assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("楽天"), "written in CP932, not UTF-8");
  }

  @Test
  void aCellCp932CannotHoldNamesItsRowAndColumn() {
    ReportTable emoji = new ReportTable("transactions", List.of("id", "note"), List.of(Arrays.asList("t1", "ok"), Arrays.asList("t2", "moon \uD83D\uDE80")));
    var e = assertThrows(ExportWriter.UnwritableCellException.class, () -> ExportWriter.bytes(emoji, ExportFormat.CSV_CP932));
    assertTrue(e.getMessage().contains("row 2, column note"), e.getMessage());
  }

  @Test
  void excelReadsBackExactly() throws IOException {
    byte[] bytes = ExportWriter.bytes(TABLE, ExportFormat.XLSX);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertEquals("positions", wb.getFirstSheet().getName());
      assertEquals(3, rows.size());
      assertEquals("quantity", rows.get(0).getCellText(1));
      assertEquals("楽天・全米株式インデックス・ファンド", rows.get(1).getCellText(0));
      assertEquals(new BigDecimal("12345.678901234567890123"), rows.get(1).getCellAsNumber(1).orElseThrow());
      assertEquals("2026-11-30", rows.get(1).getCellText(3));
      assertEquals(0, new BigDecimal("1000").compareTo(rows.get(2).getCellAsNumber(1).orElseThrow()));
    }
  }

  @Test
  void aRowThatIsNotOfCellsIsRefusedNamingRowAndColumn() {
    ReportTable bad = new ReportTable("history", List.of("date", "value"),
        List.of(Arrays.asList("2026-11-01", BigDecimal.ONE), Arrays.asList("2026-11-02", 1.5d)));
    for (ExportFormat f : ExportFormat.values()) {
      var e = assertThrows(IllegalArgumentException.class, () -> ExportWriter.bytes(bad, f));
      assertTrue(e.getMessage().contains("history row 2, column value: a Double"), e.getMessage());
    }
    ReportTable short_ = new ReportTable("history", List.of("date", "value"), List.of(Arrays.asList("2026-11-01")));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportWriter.bytes(short_, ExportFormat.CSV)).getMessage()
        .contains("row 1: 1 cells for 2 columns"));
  }

  @Test
  void formatsParseWithTheirField() {
    assertEquals(ExportFormat.CSV_CP932, ExportFormat.parse("csv", "cp932"));
    assertEquals(ExportFormat.XLSX, ExportFormat.parse("XLSX", null));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportFormat.parse("pdf", null)).getMessage().startsWith("format:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportFormat.parse("xlsx", "cp932")).getMessage().startsWith("charset:"));
  }

  static List<CSVRecord> parse(byte[] bytes, java.nio.charset.Charset charset) throws IOException {
    try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new InputStreamReader(new ByteArrayInputStream(bytes), charset))) {
      return p.getRecords();
    }
  }
}
