package dev.ballast.adapters.statement.ibkr;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.CsvStatementReader;
import dev.ballast.adapters.statement.HeadText;
import dev.ballast.adapters.statement.RowCells;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.statement.RowFingerprint;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementRow;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interactive Brokers Activity Flex Query CSV: the Trades section (stocks and FX conversions) and
 * the Cash Transactions section (deposits, dividends, withholding tax, interest, fees), with column
 * headers, with or without section codes ({@code "HEADER","TRNT"}), header and trailer records and
 * a leading {@code "MSG"} line. Each header row rebinds the columns of the rows after it, so one
 * file can hold both sections.
 */
public final class IbkrFlexImporter implements StatementImporter {
  public static final String NAME = "ibkr-flex";
  public static final String SOURCE = "ibkr";
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV, an Interactive Brokers Activity Flex Query with column headers: a Trades section (ClientAccountID,CurrencyPrimary,"
          + "AssetClass,Symbol,...,DateTime,Quantity,TradePrice,Proceeds,IBCommission,...) and/or a Cash Transactions section "
          + "(...,CurrencyPrimary,Symbol,DateTime,Amount,Type,TransactionID)");
  private static final List<String> RECORD_CODES = List.of("BOF", "BOA", "BOS", "EOS", "EOA", "EOF", "MSG");

  private final ZoneId zone;

  /** Flex times in US/Eastern, IBKR's default. */
  public IbkrFlexImporter() {
    this(ZoneId.of("America/New_York"));
  }

  /** @param zone the time zone the Flex query writes its times in */
  public IbkrFlexImporter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, StandardCharsets.UTF_8).map(text -> {
      for (String line : HeadText.lines(text)) {
        List<String> cells = List.of(line.replace("\"", "").split(",", -1));
        if (cells.isEmpty() || RECORD_CODES.contains(cells.get(0)) || line.isBlank()) {
          continue;
        }
        if (cells.get(0).equals("HEADER") && cells.size() > 2) {
          cells = cells.subList(2, cells.size());
        }
        return IbkrFlexMapping.kindOf(cells) != null;
      }
      return false;
    }).orElse(false);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    RowFingerprint fingerprint = new RowFingerprint();
    State state = new State();
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, StandardCharsets.UTF_8), 0, StandardCharsets.UTF_8, ',', sink,
        record -> {
          List<String> cells = record.cells();
          if (record.isBlank()) {
            return true;
          }
          String first = cells.get(0).startsWith("\uFEFF") ? cells.get(0).substring(1) : cells.get(0);
          if (RECORD_CODES.contains(first)) {
            return true;
          }
          boolean coded = first.equals("HEADER") || first.equals("DATA");
          List<String> row = new java.util.ArrayList<>(coded ? cells.subList(Math.min(2, cells.size()), cells.size()) : cells);
          if (!row.isEmpty() && row.get(0).startsWith("\uFEFF")) {
            row.set(0, row.get(0).substring(1));
          }
          IbkrFlexMapping.Kind kind = first.equals("DATA") ? null : IbkrFlexMapping.kindOf(row);
          if (kind != null || first.equals("HEADER")) {
            if (kind == null) {
              sink.error(new StatementError.InvalidRow(record.line(), null,
                  "a header of a section this format does not read (Trades or Cash Transactions): " + Cells.shorten(String.join(",", row))));
              state.columns = null;
              state.skipping = true;
              return true;
            }
            state.kind = kind;
            state.skipping = false;
            state.columns = new HashMap<>();
            state.width = row.size();
            for (int i = 0; i < row.size(); i++) {
              state.columns.putIfAbsent(row.get(i).strip(), i);
            }
            return true;
          }
          if (state.skipping) {
            return true;
          }
          if (state.columns == null) {
            sink.error(new StatementError.WrongFormat(FORMAT.expects(), "the first row " + Cells.shorten(String.join(",", cells))));
            return false;
          }
          if (row.size() != state.width) {
            sink.error(new StatementError.InvalidRow(record.line(), null, row.size() + " columns, expected " + state.width));
            return true;
          }
          RowCells rc = new RowCells(record.line(), state.columns, row);
          List<IbkrFlexMapping.Mapped> mapped = state.kind == IbkrFlexMapping.Kind.TRADES
              ? IbkrFlexMapping.trade(rc, zone, state.levels) : IbkrFlexMapping.cash(rc, zone);
          if (!rc.ok()) {
            rc.problems().forEach(sink::error);
            return true;
          }
          for (IbkrFlexMapping.Mapped m : mapped) {
            Transaction tx = m.transaction();
            String id = m.externalId() != null ? m.externalId() : fingerprint.externalId(tx);
            sink.row(StatementRow.of(record.line(), new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(),
                tx.amount(), tx.fee(), tx.tax(), tx.fxRate(), tx.transferId(), tx.splitRatio(), SOURCE, id, tx.note())));
          }
          return true;
        });
    if (completed && state.columns == null && !state.skipping) {
      sink.error(new StatementError.UnreadableFile(0, "no section header, expected " + FORMAT.expects()));
    }
  }

  /** The section being read: its kind, its columns, and the levels of detail its trades came in. */
  private static final class State {
    IbkrFlexMapping.Kind kind;
    Map<String, Integer> columns;
    int width;
    boolean skipping;
    final java.util.Set<String> levels = new java.util.HashSet<>();
  }
}
