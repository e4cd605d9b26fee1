package dev.ballast.adapters.statement.rakuten;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.adapters.statement.CsvStatementReader;
import dev.ballast.adapters.statement.HeadText;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.statement.StatementBalance;
import dev.ballast.engine.statement.StatementError;
import dev.ballast.engine.statement.StatementFormat;
import dev.ballast.engine.statement.StatementImporter;
import dev.ballast.engine.statement.StatementSink;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 保有商品一覧 ({@code assetbalance(all)_YYYYMMDD_HHMMSS.csv}): the holdings as of the export
 * time in the file's name (Tokyo time; the import time when the name does not carry it), one
 * balance per security and account type, the yen cash from the summary's 預り金 row and foreign
 * cash from 外貨預り金 rows. Sections are told apart by their title cells.
 */
public final class RakutenHoldingsImporter implements StatementImporter {
  public static final String NAME = "rakuten-holdings";
  public static final String TITLE = "■資産合計欄";
  public static final List<String> DETAIL_HEADER = List.of("種別", "銘柄コード・ティッカー", "銘柄", "口座", "保有数量", "［単位］", "平均取得価額", "［単位］",
      "現在値", "［単位］", "現在値(更新日)", "(参考為替)", "前日比", "［単位］", "時価評価額[円]", "時価評価額[外貨]", "評価損益[円]", "評価損益[％]");
  private static final StatementFormat FORMAT = new StatementFormat(NAME,
      "CP932 CSV, Rakuten Securities holdings list (assetbalance(all)), starting with the section \"" + TITLE + "\"");
  private static final Pattern STAMP = Pattern.compile("(\\d{8})_(\\d{6})");
  private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);
  private final Map<String, String> funds;
  private final Clock clock;

  public RakutenHoldingsImporter(Map<String, String> funds, Clock clock) {
    this.funds = Map.copyOf(funds);
    this.clock = clock;
  }

  @Override
  public StatementFormat format() {
    return FORMAT;
  }

  @Override
  public boolean recognises(byte[] head) {
    return HeadText.decode(head, RakutenCells.CP932).map(t -> HeadText.lines(t)[0].replace("\"", "").strip().equals(TITLE)).orElse(false);
  }

  /** The export time the file's name carries, else now. */
  Instant asOf(String file) {
    Matcher m = STAMP.matcher(file == null ? "" : file);
    if (m.find()) {
      try {
        return LocalDateTime.parse(m.group(1) + "_" + m.group(2), STAMP_FORMAT).atZone(RakutenCells.TOKYO).toInstant();
      } catch (DateTimeParseException e) {
        // not a time after all: the import time stands in
      }
    }
    return clock.instant();
  }

  private enum Section { START, SUMMARY, DETAIL_TITLE, DETAIL, OTHER }

  @Override
  public void read(String file, InputStream content, StatementSink sink) {
    Instant asOf = asOf(file);
    Section[] section = {Section.START};
    boolean[] any = {false};
    boolean completed = CsvStatementReader.read(CsvStatementReader.reader(content, RakutenCells.CP932), 0, RakutenCells.CP932, ',', sink,
        record -> {
          any[0] = true;
          List<String> cells = record.cells();
          String first = cells.isEmpty() ? "" : cells.get(0).strip();
          if (section[0] == Section.START) {
            if (!first.equals(TITLE)) {
              sink.error(new StatementError.WrongFormat(FORMAT.expects(), "\"" + Cells.shorten(first) + "\""));
              return false;
            }
            section[0] = Section.SUMMARY;
            return true;
          }
          if (first.startsWith("■")) {
            section[0] = first.replace(" ", "").startsWith("■保有商品詳細") ? Section.DETAIL_TITLE : Section.OTHER;
            return true;
          }
          if (record.isBlank()) {
            return true;
          }
          switch (section[0]) {
            case SUMMARY -> {
              if (first.equals("預り金") && cells.size() > 1) {
                balance(record.line(), asOf, "JPY", cells.get(1), null, "時価評価額[円]", sink);
              }
            }
            case DETAIL_TITLE -> {
              if (first.startsWith("該当する情報はありません")) {
                return true;
              }
              if (!cells.equals(DETAIL_HEADER)) {
                sink.error(new StatementError.InvalidRow(record.line(), null, "expected the holdings header " + String.join(",", DETAIL_HEADER)));
                section[0] = Section.OTHER;
              } else {
                section[0] = Section.DETAIL;
              }
            }
            case DETAIL -> detail(record, asOf, sink);
            default -> { }
          }
          return true;
        });
    if (completed && !any[0]) {
      sink.error(new StatementError.UnreadableFile(0, "empty file, expected " + FORMAT.expects()));
    }
  }

  private void detail(CsvStatementReader.Record record, Instant asOf, StatementSink sink) {
    if (record.cells().size() != DETAIL_HEADER.size()) {
      sink.error(new StatementError.InvalidRow(record.line(), null, record.cells().size() + " columns, expected " + DETAIL_HEADER.size()));
      return;
    }
    Map<String, String> cells = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      cells.put(DETAIL_HEADER.get(i), record.cells().get(i));
    }
    RakutenRow row = new RakutenRow(record.line(), cells);
    RakutenCells.Problems p = new RakutenCells.Problems(record.line());
    String kind = Cells.text(row.cell("種別"));
    TaxWrapper wrapper = p.wrapper(row, "口座");
    String code = Cells.text(row.cell("銘柄コード・ティッカー"));
    String asset = null;
    if (kind == null) {
      p.add("種別", "is empty");
    } else {
      switch (kind) {
        case "国内株式" -> asset = code == null ? missing(p, "銘柄コード・ティッカー") : RakutenCells.jpAsset(code);
        case "米国株式" -> asset = code == null ? missing(p, "銘柄コード・ティッカー") : code.toUpperCase(Locale.ROOT);
        case "投資信託" -> asset = Cells.text(row.cell("銘柄")) == null ? missing(p, "銘柄") : RakutenCells.fundAsset(row.cell("銘柄"), funds);
        case "外貨預り金" -> {
          String unit = Cells.text(record.cell(5));
          asset = unit == null ? missing(p, "［単位］") : unit.toUpperCase(Locale.ROOT);
        }
        default -> p.add("種別", "\"" + Cells.shorten(kind) + "\" holdings are not imported; known: 国内株式, 米国株式, 投資信託, 外貨預り金");
      }
    }
    if (!p.ok()) {
      p.list.forEach(sink::error);
      return;
    }
    balance(record.line(), asOf, asset, row.cell("保有数量"), wrapper, "保有数量", sink);
  }

  private static String missing(RakutenCells.Problems p, String column) {
    p.add(column, "is empty");
    return null;
  }

  private static void balance(int line, Instant asOf, String asset, String quantityCell, TaxWrapper wrapper, String column, StatementSink sink) {
    BigDecimal quantity;
    AssetId id;
    try {
      quantity = Cells.decimal(quantityCell);
    } catch (NumberFormatException e) {
      sink.error(new StatementError.InvalidRow(line, column, e.getMessage()));
      return;
    }
    if (quantity == null || quantity.signum() < 0) {
      sink.error(new StatementError.InvalidRow(line, column, quantity == null ? "is empty" : "a holding is not negative"));
      return;
    }
    try {
      id = AssetId.of(asset);
    } catch (IllegalArgumentException e) {
      sink.error(new StatementError.InvalidRow(line, "銘柄コード・ティッカー", Cells.shorten(e.getMessage())));
      return;
    }
    sink.balance(new StatementBalance(line, asOf, id, Quantity.of(quantity), wrapper));
  }
}
