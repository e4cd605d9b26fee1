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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interactive Brokers' multi-section Activity Statement CSV (Reports › Statements › Download
 * CSV): every line is {@code section,row type,cells}, and each {@code Header} row rebinds the
 * columns of the {@code Data} rows after it. The Trades, Deposits &amp; Withdrawals, Dividends,
 * Withholding Tax, Fees and Interest sections are read, each row renamed into the Flex query's
 * columns and mapped by {@link IbkrFlexMapping}, so a row means the same in both formats; the
 * other sections (NAV, positions, performance) are summaries of these. The statement has no ids:
 * each transaction's id is its fingerprint, so the same trade from a Flex query (with its TradeID)
 * and from a statement would be two records: import one kind of IBKR file per account.
 */
public final class IbkrActivityStatementImporter implements StatementImporter {
  public static final String NAME = "ibkr-activity-statement";
  private static final String FIRST_LINE = "Statement,Header,Field Name,Field Value";
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "UTF-8 CSV (with or without a BOM), an Interactive Brokers Activity Statement starting \"" + FIRST_LINE
          + "\", with Trades, Deposits & Withdrawals, Dividends, Withholding Tax, Fees or Interest sections");
  /** Statement columns to the Flex query's, per section. */
  private static final Map<String, String> TRADE_COLUMNS = Map.of(
      "DataDiscriminator", "LevelOfDetail", "Asset Category", "AssetClass", "Currency", "CurrencyPrimary", "Symbol", "Symbol",
      "Date/Time", "DateTime", "Quantity", "Quantity", "T. Price", "TradePrice", "Proceeds", "Proceeds", "Comm/Fee", "IBCommission");
  private static final Map<String, String> CASH_COLUMNS = Map.of(
      "Currency", "CurrencyPrimary", "Date", "DateTime", "Settle Date", "SettleDate", "Description", "Description", "Amount", "Amount");
  /** The cash sections, with the Flex cash transaction type each row is. */
  private static final Map<String, String> CASH_SECTIONS = Map.of(
      "Deposits & Withdrawals", "Deposits/Withdrawals", "Dividends", "Dividends", "Withholding Tax", "Withholding Tax",
      "Fees", "Other Fees", "Interest", "Broker Interest");
  private static final Pattern COMMISSION_IN = Pattern.compile("Comm in ([A-Z]{3})");
  private static final Pattern DIVIDEND_SYMBOL = Pattern.compile("^([A-Za-z0-9 .]+?)\\s?\\(");

  private final ZoneId zone;

  /** Statement times in US/Eastern, IBKR's default. */
  public IbkrActivityStatementImporter() {
    this(ZoneId.of("America/New_York"));
  }

  /** @param zone the time zone of the statement's times */
  public IbkrActivityStatementImporter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, StandardCharsets.UTF_8)
        .map(t -> HeadText.lines(t)[0].replace("\uFEFF", "").replace("\"", "").strip().equals(FIRST_LINE))
        .orElse(false);
  }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    RowFingerprint fingerprint = new RowFingerprint();
    Map<String, Section> sections = new HashMap<>();
    Set<String> levels = new HashSet<>();
    boolean[] started = {false};
    boolean[] wrong = {false};
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, StandardCharsets.UTF_8), 0, StandardCharsets.UTF_8, ',', sink,
        record -> {
          if (record.isBlank()) {
            return true;
          }
          List<String> cells = new ArrayList<>(record.cells());
          cells.set(0, cells.get(0).replace("\uFEFF", "").strip());
          if (!started[0]) {
            if (!String.join(",", cells).equals(FIRST_LINE)) {
              sink.error(new StatementError.WrongFormat(FORMAT.expects(), "the first row " + Cells.shorten(String.join(",", cells))));
              wrong[0] = true;
              return false;
            }
            started[0] = true;
            return true;
          }
          if (cells.size() < 2) {
            sink.error(new StatementError.InvalidRow(record.line(), null, "one column: every row starts with its section and row type"));
            return true;
          }
          String name = cells.get(0);
          boolean trades = name.equals("Trades");
          if (!trades && !CASH_SECTIONS.containsKey(name)) {
            return true; // a summary section
          }
          List<String> row = cells.subList(2, cells.size());
          switch (cells.get(1)) {
            case "Header" -> sections.put(name, Section.of(name, row, trades));
            case "Data" -> {
              Section section = sections.get(name);
              if (section == null) {
                sink.error(new StatementError.InvalidRow(record.line(), null, "a " + name + " row before the section's header"));
                return true;
              }
              data(record.line(), section, row, levels, fingerprint, sink);
            }
            default -> {
              // SubTotal, Total and Notes rows sum or explain the data rows
            }
          }
          return true;
        });
    if (completed && !started[0] && !wrong[0]) {
      sink.error(new StatementError.UnreadableFile(0, "empty file, expected " + FORMAT.expects()));
    }
  }

  private void data(int line, Section section, List<String> row, Set<String> levels, RowFingerprint fingerprint, StatementSink sink) {
    if (row.size() != section.width) {
      sink.error(new StatementError.InvalidRow(line, null, row.size() + " columns, expected " + section.width + " (the " + section.name + " header)"));
      return;
    }
    String first = row.isEmpty() ? "" : row.get(0).strip();
    if (first.startsWith("Total")) {
      return; // "Total" and "Total in USD" rows of the cash sections
    }
    List<String> flex = new ArrayList<>(row);
    Map<String, Integer> columns = new HashMap<>(section.columns);
    if (section.trades) {
      Integer level = columns.get("LevelOfDetail");
      if (level != null) {
        flex.set(level, switch (flex.get(level).strip()) {
          case "Order" -> "ORDER";
          case "Trade" -> "EXECUTION";
          case "ClosedLot" -> "CLOSED_LOT";
          default -> flex.get(level);
        });
      }
      Integer category = columns.get("AssetClass");
      if (category != null) {
        flex.set(category, switch (flex.get(category).strip()) {
          case "Stocks" -> "STK";
          case "Forex" -> "CASH";
          default -> flex.get(category);
        });
      }
      if (section.commissionCurrency != null) {
        columns.put("IBCommissionCurrency", flex.size());
        flex.add(section.commissionCurrency);
      }
    } else {
      columns.put("Type", flex.size());
      flex.add(section.cashType);
      Integer description = columns.get("Description");
      if (section.name.equals("Dividends") && description != null) {
        Matcher m = DIVIDEND_SYMBOL.matcher(flex.get(description).strip());
        columns.put("Symbol", flex.size());
        flex.add(m.find() ? m.group(1).strip() : "");
      }
    }
    RowCells c = new RowCells(line, columns, flex);
    List<IbkrFlexMapping.Mapped> mapped = section.trades ? IbkrFlexMapping.trade(c, zone, levels) : IbkrFlexMapping.cash(c, zone);
    if (!c.ok()) {
      for (StatementError.InvalidRow p : c.problems()) {
        sink.error(new StatementError.InvalidRow(p.line(), section.statementName(p.field()), p.reason()));
      }
      return;
    }
    for (IbkrFlexMapping.Mapped m : mapped) {
      Transaction tx = m.transaction();
      sink.row(StatementRow.of(line, new Transaction(tx.type(), tx.timestamp(), tx.asset(), tx.quantity(), tx.price(), tx.amount(), tx.fee(),
          tx.tax(), tx.fxRate(), tx.transferId(), tx.splitRatio(), IbkrFlexImporter.SOURCE, fingerprint.externalId(tx), tx.note())));
    }
  }

  /** A section's current header: the Flex name of each column, and back, for the errors. */
  private record Section(String name, boolean trades, Map<String, Integer> columns, Map<String, String> names, int width,
      String commissionCurrency, String cashType) {

    static Section of(String name, List<String> header, boolean trades) {
      Map<String, String> rename = trades ? TRADE_COLUMNS : CASH_COLUMNS;
      Map<String, Integer> columns = new HashMap<>();
      Map<String, String> names = new HashMap<>();
      String commission = null;
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i).strip();
        String flex = rename.get(h);
        Matcher m = COMMISSION_IN.matcher(h);
        if (flex == null && trades && m.matches()) {
          flex = "IBCommission";
          commission = m.group(1);
        }
        if (flex != null && !columns.containsKey(flex)) {
          columns.put(flex, i);
          names.put(flex, h);
        }
      }
      String type = trades ? null : CASH_SECTIONS.get(name);
      names.put("Type", name);
      names.put("Symbol", trades ? names.getOrDefault("Symbol", "Symbol") : "Description");
      return new Section(name, trades, Map.copyOf(columns), Map.copyOf(names), header.size(), commission, type);
    }

    /** The column as the statement names it (a Flex name when the statement has no such column). */
    String statementName(String flexColumn) {
      return flexColumn == null ? null : names.getOrDefault(flexColumn, flexColumn.toLowerCase(Locale.ROOT));
    }
  }
}
