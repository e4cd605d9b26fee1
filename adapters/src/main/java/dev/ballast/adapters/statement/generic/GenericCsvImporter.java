package dev.ballast.adapters.statement.generic;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.CsvStatementReader;
import dev.ballast.adapters.statement.HeadText;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.RowFingerprint;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Any CSV by a user's {@link GenericMapping}: columns found by their header names (in any order),
 * each row mapped by {@link GenericCsvMapping}, its external id the id column or the row's
 * fingerprint.
 */
public final class GenericCsvImporter implements StatementImporter {
  private final GenericMapping mapping;
  private final StatementFormat format;

  public GenericCsvImporter(GenericMapping mapping) {
    this.mapping = mapping;
    this.format = mapping.format();
  }

  @Override
  public StatementFormat format() {
    return format;
  }

  public GenericMapping mapping() {
    return mapping;
  }

  @Override
  public String columnOf(String field) {
    return mapping.columnOf(field);
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, mapping.charset()).map(text -> {
      String[] lines = HeadText.lines(text);
      if (lines.length <= mapping.preambleLines() + 1 && !text.endsWith("\n")) {
        return false;
      }
      try (CSVParser p = CSVParser.parse(lines[mapping.preambleLines()], CSVFormat.DEFAULT.builder().setDelimiter(mapping.delimiter()).get())) {
        List<CSVRecord> records = p.getRecords();
        return !records.isEmpty() && missing(header(records.get(0).toList())).isEmpty();
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }).orElse(false);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    BufferedReader reader = CsvStatementReader.reader(content, mapping.charset());
    int skipped = 0;
    try {
      for (; skipped < mapping.preambleLines(); skipped++) {
        if (reader.readLine() == null) {
          sink.error(new StatementError.UnreadableFile(skipped, "the file ends inside its " + mapping.preambleLines() + " preamble line(s)"));
          return;
        }
      }
    } catch (IOException e) {
      sink.error(new StatementError.UnreadableFile(skipped + 1, CsvStatementReader.reason(e, mapping.charset())));
      return;
    }
    RowFingerprint fingerprint = new RowFingerprint();
    Map<String, Integer>[] columns = new Map[1];
    int[] rows = {0};
    boolean completed = CsvStatementReader.read(reader, skipped, mapping.charset(), mapping.delimiter(), sink, record -> {
      if (columns[0] == null) {
        if (record.isBlank()) {
          return true;
        }
        Map<String, Integer> header = header(record.cells());
        List<String> missing = missing(header);
        if (!missing.isEmpty()) {
          sink.error(new StatementError.WrongFormat(format.expects(), "the header " + Cells.shorten(String.join(",", record.cells()))
              + " without " + String.join(", ", missing)));
          rows[0] = -1;
          return false;
        }
        columns[0] = header;
        return true;
      }
      if (record.isBlank()) {
        return true;
      }
      rows[0]++;
      row(record, columns[0], fingerprint, sink);
      return true;
    });
    if (completed && columns[0] == null && rows[0] == 0) {
      sink.error(new StatementError.UnreadableFile(skipped, "no header line: expected " + format.expects()));
    }
  }

  private void row(CsvStatementReader.Record record, Map<String, Integer> header, RowFingerprint fingerprint, StatementSink sink) {
    Map<String, String> cells = new HashMap<>();
    cells.put("date", record.cell(header.get(mapping.dateColumn())));
    if (mapping.typeColumn() != null) {
      cells.put("type", record.cell(header.get(mapping.typeColumn())));
    }
    mapping.columns().forEach((field, column) -> cells.put(field, record.cell(header.get(column))));
    if (mapping.wrapperColumn() != null) {
      cells.put("wrapper", record.cell(header.get(mapping.wrapperColumn())));
    }
    if (mapping.holdings()) {
      GenericCsvMapping.Held held = GenericCsvMapping.balance(new GenericCsvRow(record.line(), cells), mapping);
      if (held.ok()) {
        sink.balance(held.balance());
      } else {
        held.errors().forEach(sink::error);
      }
      return;
    }
    GenericCsvMapping.Mapped mapped = GenericCsvMapping.transaction(new GenericCsvRow(record.line(), cells), mapping);
    if (!mapped.ok()) {
      mapped.errors().forEach(sink::error);
      return;
    }
    Transaction tx = mapped.transaction();
    String id = Cells.text(cells.get("id"));
    String externalId = id != null ? id : fingerprint.externalId(tx);
    Transaction withRef = new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(), tx.tax(),
        tx.fxRate(), tx.transferId(), tx.splitRatio(), mapping.source(), externalId, tx.note());
    sink.row(new StatementRow(record.line(), withRef, mapped.wrapper()));
  }

  private static Map<String, Integer> header(List<String> cells) {
    Map<String, Integer> header = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      String name = cells.get(i).strip();
      header.putIfAbsent(i == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name, i);
    }
    return header;
  }

  private List<String> missing(Map<String, Integer> header) {
    return mapping.requiredColumns().stream().filter(c -> !header.containsKey(c)).toList();
  }
}
