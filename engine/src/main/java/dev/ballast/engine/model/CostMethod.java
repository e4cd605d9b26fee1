package dev.ballast.engine.model;

import java.util.Locale;

/**
 * How the cost of what leaves a holding is measured for realized and unrealized P&L: an account
 * setting ({@link AccountSpec#costMethod()}), see docs/ledger.md#cost-basis-methods. The ledger's
 * own lots are FIFO whatever the setting; the methods differ only in cost, never in quantities.
 */
public enum CostMethod {
  /** The oldest open lots first, as the ledger matches them. */
  FIFO("fifo"),
  /** Moving average cost (移動平均法): every acquisition updates the average at once. */
  AVERAGE("average"),
  /** Total average cost (総平均法): one average per asset and calendar year, for every disposal of that year. */
  TOTAL_AVERAGE("total-average");

  private final String text;

  CostMethod(String text) {
    this.text = text;
  }

  /** The name the CLI and the API take: {@code fifo}, {@code average} or {@code total-average}. */
  public String text() {
    return text;
  }

  /**
   * {@code fifo}, {@code average} or {@code total-average}, any case ({@code total_average} too).
   *
   * @throws IllegalArgumentException naming the field {@code method} for anything else
   */
  public static CostMethod parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (CostMethod m : values()) {
      if (m.text.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "method: expected fifo, average or total-average, got \"" + (text == null ? "" : text) + "\"");
  }
}
