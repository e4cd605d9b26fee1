package dev.ballast.adapters.statement;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * How the cells of broker and exchange CSVs are read: full-width digits and signs as their ASCII
 * forms, thousands separators dropped, {@code -} or nothing as empty, and numbers only in plain
 * decimal form (no exponent, no currency symbols), so nothing is guessed.
 */
public final class Cells {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d*)?");

  private Cells() {}

  /** The cell as written, trimmed, with full-width forms (１２３，ＡＢＣ) made ASCII; null for empty or {@code -}. */
  public static String text(String cell) {
    if (cell == null) {
      return null;
    }
    String t = (ascii(cell) ? cell : Normalizer.normalize(cell, Normalizer.Form.NFKC)).strip();
    return t.isEmpty() || t.equals("-") || t.equals("--") ? null : t;
  }

  /**
   * A plain decimal, with {@code ,} as the thousands separator when grouped by threes; null when
   * the cell is empty.
   *
   * @throws NumberFormatException naming what was found, when it is not a number
   */
  public static BigDecimal decimal(String cell) {
    String t = text(cell);
    if (t == null) {
      return null;
    }
    String plain = GROUPED.matcher(t).matches() ? t.replace(",", "") : t;
    if (!DECIMAL.matcher(plain).matches()) {
      throw new NumberFormatException("not a number: \"" + shorten(t) + "\"");
    }
    return new BigDecimal(plain.startsWith("+") ? plain.substring(1) : plain);
  }

  // NFKC leaves ASCII as it is; most cells are ASCII, and normalising is the costliest step of a row
  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** A cell cut for a message: error texts never carry a whole garbage cell. */
  public static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "... (" + text.length() + " characters)";
  }
}
