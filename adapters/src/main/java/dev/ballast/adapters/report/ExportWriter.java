package dev.ballast.adapters.report;

import dev.ballast.engine.report.ReportTable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a {@link ReportTable} as CSV (a header line, UTF-8 with LF, or CP932 with CRLF and no BOM)
 * or as an Excel sheet (FastExcel; decimals as numbers written exactly, dates and times as ISO
 * text, texts inline). The rows are read once, in order, as they are written. A cell that CP932 cannot hold fails the export naming its row and column, instead of
 * writing a question mark into someone's tax file.
 */
public final class ExportWriter {
  public static final Charset CP932 = Charset.forName("windows-31j");

  private ExportWriter() {}

  /** Thrown when a cell cannot be written in the format asked. */
  public static final class UnwritableCellException extends IllegalArgumentException {
    public UnwritableCellException(String message) {
      super(message);
    }
  }

  public static void write(ReportTable table, ExportFormat format, OutputStream out) throws IOException {
    switch (format) {
      case CSV -> csv(table, StandardCharsets.UTF_8, "\n", out);
      case CSV_CP932 -> csv(table, CP932, "\r\n", out);
      case XLSX -> xlsx(table, out);
    }
  }

  public static byte[] bytes(ReportTable table, ExportFormat format) {
    var out = new java.io.ByteArrayOutputStream();
    try {
      write(table, format, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void csv(ReportTable table, Charset charset, String lineEnd, OutputStream out) throws IOException {
    CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CSVFormat csv = CSVFormat.DEFAULT.builder().setRecordSeparator(lineEnd).setHeader(table.columns().toArray(String[]::new)).get();
    Writer writer = new java.io.OutputStreamWriter(out, encoder);
    try (CSVPrinter printer = new CSVPrinter(writer, csv)) {
      int r = 0;
      for (var unchecked : table.rows()) {
        var row = table.check(r, unchecked);
        r++;
        String[] cells = new String[row.size()];
        for (int c = 0; c < cells.length; c++) {
          cells[c] = ReportTable.text(row.get(c));
          if (charset != StandardCharsets.UTF_8 && !encodable(encoder, cells[c])) {
            throw new UnwritableCellException(table.name() + " row " + r + ", column " + table.columns().get(c) + ": \""
                + cells[c] + "\" has characters that " + charset.name() + " cannot hold; export as UTF-8 or Excel");
          }
        }
        printer.printRecord((Object[]) cells);
      }
    }
  }

  private static boolean encodable(CharsetEncoder encoder, String text) {
    try {
      ByteBuffer ignored = encoder.reset().encode(CharBuffer.wrap(text));
      encoder.reset();
      return ignored != null;
    } catch (CharacterCodingException e) {
      encoder.reset();
      return false;
    }
  }

  private static void xlsx(ReportTable table, OutputStream out) throws IOException {
    Workbook wb = new Workbook(out, "Ballast", "1.0");
    // the fastest deflate: sheet XML is repetitive, so the file is barely larger and deflating was most of the time
    wb.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
    Worksheet ws = wb.newWorksheet(table.name());
    for (int c = 0; c < table.columns().size(); c++) {
      ws.value(0, c, table.columns().get(c));
      ws.style(0, c).bold().set();
    }
    int r = 0;
    for (var unchecked : table.rows()) {
      var row = table.check(r, unchecked);
      r++;
      for (int c = 0; c < row.size(); c++) {
        Object cell = row.get(c);
        if (cell == null) {
          continue;
        } else if (cell instanceof BigDecimal d) {
          ws.value(r, c, d.scale() < 0 ? d.setScale(0) : d);
        } else if (cell instanceof Number n) {
          ws.value(r, c, n);
        } else if (cell instanceof Boolean b) {
          ws.value(r, c, b);
        } else if (cell instanceof LocalDate || cell instanceof Instant) {
          ws.inlineString(r, c, cell.toString());
        } else {
          // inline, not shared: a shared-strings table holds every distinct text (a million ids) in memory to the end
          ws.inlineString(r, c, (String) cell);
        }
      }
      if (r % 10_000 == 0) {
        ws.flush(); // keeps a large export's memory to the rows not yet written out
      }
    }
    wb.finish();
  }
}
