package dev.ballast.adapters.statement.rakuten;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.statement.StatementError;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every Rakuten export shares: CP932, dates {@code 2025/5/16} that are Tokyo dates, the
 * account-type labels, {@code -} for empty, asset ids (a JP code becomes {@code 7203.T}, a fund
 * its configured id or one derived from its name, as the files give funds no code).
 */
public final class RakutenCells {
  public static final Charset CP932 = Charset.forName("windows-31j");
  public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final Pattern DATE = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");
  private static final Map<String, TaxWrapper> WRAPPERS = Map.of(
      "特定", TaxWrapper.SPECIFIC, "一般", TaxWrapper.GENERAL, "NISA成長投資枠", TaxWrapper.NISA_GROWTH,
      "NISAつみたて投資枠", TaxWrapper.NISA_TSUMITATE, "旧NISA", TaxWrapper.NISA, "NISA", TaxWrapper.NISA,
      "つみたてNISA", TaxWrapper.NISA_TSUMITATE, "ジュニアNISA", TaxWrapper.NISA);

  private RakutenCells() {}

  /** The problems of one row, each naming the file's column. */
  static final class Problems {
    final int line;
    final List<StatementError.InvalidRow> list = new ArrayList<>();

    Problems(int line) {
      this.line = line;
    }

    void add(String column, String reason) {
      list.add(new StatementError.InvalidRow(line, column, reason));
    }

    boolean ok() {
      return list.isEmpty();
    }

    /** A number cell; null when empty or {@code -}. */
    BigDecimal decimal(RakutenRow row, String column) {
      try {
        return Cells.decimal(row.cell(column));
      } catch (NumberFormatException e) {
        add(column, e.getMessage());
        return null;
      }
    }

    /** A number cell that must be there. */
    BigDecimal required(RakutenRow row, String column) {
      BigDecimal value = decimal(row, column);
      if (value == null && !hasErrorIn(column)) {
        add(column, "is empty");
      }
      return value;
    }

    private boolean hasErrorIn(String column) {
      return list.stream().anyMatch(e -> column.equals(e.field()));
    }

    /** A Tokyo date as the start of its day. */
    Instant date(RakutenRow row, String column) {
      String text = Cells.text(row.cell(column));
      Matcher m = text == null ? null : DATE.matcher(text);
      if (m == null || !m.matches()) {
        add(column, text == null ? "is empty" : "\"" + Cells.shorten(text) + "\" is not a date such as 2025/5/16");
        return null;
      }
      try {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
            .atStartOfDay(TOKYO).toInstant();
      } catch (DateTimeException e) {
        add(column, "\"" + text + "\" is not a date: " + e.getMessage());
        return null;
      }
    }

    /** The account type; null for {@code -} or empty (the file does not say). */
    TaxWrapper wrapper(RakutenRow row, String column) {
      String text = Cells.text(row.cell(column));
      if (text == null) {
        return null;
      }
      TaxWrapper wrapper = WRAPPERS.get(text);
      if (wrapper == null) {
        add(column, "unknown account type \"" + Cells.shorten(text) + "\"; known: " + WRAPPERS.keySet());
      }
      return wrapper;
    }

    AssetId asset(String column, String id) {
      try {
        return AssetId.of(id);
      } catch (IllegalArgumentException e) {
        add(column, Cells.shorten(e.getMessage()));
        return null;
      }
    }
  }

  /** A name as written (full-width forms kept), for a note; null when empty or {@code -}. */
  static String note(String cell) {
    String t = cell == null ? "" : cell.strip();
    return t.isEmpty() || t.equals("-") ? null : t;
  }

  /** A Tokyo Stock Exchange code (7203, 402A) as its asset id 7203.T. */
  static String jpAsset(String code) {
    return code.toUpperCase(Locale.ROOT) + ".T";
  }

  /**
   * A fund's asset: the id configured for its name, else {@code JPFUND-} and 12 hex digits of the
   * SHA-256 of its normalised name (the file names funds only; the note carries the name).
   */
  static String fundAsset(String name, Map<String, String> funds) {
    String normal = Normalizer.normalize(name, Normalizer.Form.NFKC).strip();
    String configured = funds.get(normal);
    if (configured == null) {
      configured = funds.get(name.strip());
    }
    if (configured != null) {
      return configured;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return "JPFUND-" + HexFormat.of().withUpperCase().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
