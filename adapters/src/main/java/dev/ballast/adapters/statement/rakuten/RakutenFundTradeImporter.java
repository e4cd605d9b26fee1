package dev.ballast.adapters.statement.rakuten;

import dev.ballast.adapters.statement.Cells;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 取引履歴 投資信託 ({@code tradehistory(INVST)_YYYYMMDD.csv}): 買付, 解約 and 再投資 of yen funds.
 * 単価 is the NAV per 10,000 units, so a unit costs 単価 / 10,000. The settlement amount is what
 * was paid or received: a buy costs exactly it (the part above units x NAV, charges and Rakuten's
 * rounding of units, is the fee); points used, {@code 50,000(800)}, are a deposit of that many yen
 * before the buy; a reinvested distribution (再投資) is a dividend of the amount and a buy of the units.
 */
public final class RakutenFundTradeImporter extends RakutenCsvImporter {
  public static final String NAME = "rakuten-fund-trades";
  public static final List<String> HEADER = List.of("約定日", "受渡日", "ファンド名", "分配金", "口座", "取引", "買付方法", "数量［口］", "単価", "経費",
      "為替レート", "受付金額[現地通貨]", "受渡金額/(ポイント利用)[円]", "決済通貨");
  private static final String AMOUNT = "受渡金額/(ポイント利用)[円]";
  private static final Pattern WITH_POINTS = Pattern.compile("(.*?)\\s*\\((.*)\\)");
  private static final AssetId JPY = AssetId.of("JPY");
  private final Map<String, String> funds;

  /** @param funds fund name (as the file writes it, or NFKC-normalised) to its asset id */
  public RakutenFundTradeImporter(Map<String, String> funds) {
    super(NAME, "Rakuten Securities mutual fund trade history (tradehistory(INVST))", "rakuten-fund", HEADER);
    this.funds = Map.copyOf(funds);
  }

  /**
   * Rakuten rounds a fund's amount to the yen in the investor's favour, so units x NAV can exceed
   * what a buy cost (or fall short of what a sale paid) by less than a yen: that part is a deposit,
   * which keeps the cash exactly the statement's; the lot costs units x NAV.
   */
  private static void rounding(BigDecimal credit, Instant at, String name, List<Transaction> txs, List<String> suffixes) {
    if (credit.signum() > 0) {
      txs.add(Transaction.builder(TransactionType.DEPOSIT).at(at).asset(JPY).quantity(Quantity.of(credit))
          .note("Rakuten's rounding of the amount to the yen (" + name + ")").build());
      suffixes.add("rounding");
    }
  }

  @Override
  Mapped map(RakutenRow row, RakutenCells.Problems p) {
    Instant at = p.date(row, "約定日");
    String name = RakutenCells.note(row.cell("ファンド名"));
    AssetId asset = null;
    if (name == null) {
      p.add("ファンド名", "is empty");
    } else {
      asset = p.asset("ファンド名", RakutenCells.fundAsset(row.cell("ファンド名"), funds));
    }
    TaxWrapper wrapper = p.wrapper(row, "口座");
    String kind = Cells.text(row.cell("取引"));
    BigDecimal units = p.required(row, "数量［口］");
    BigDecimal nav = p.required(row, "単価");
    BigDecimal charges = p.decimal(row, "経費");
    BigDecimal amount = null;
    BigDecimal points = null;
    String amountText = Cells.text(row.cell(AMOUNT));
    if (amountText == null) {
      p.add(AMOUNT, "is empty");
    } else {
      Matcher m = WITH_POINTS.matcher(amountText);
      try {
        if (m.matches()) {
          amount = Cells.decimal(m.group(1));
          points = Cells.decimal(m.group(2));
        } else {
          amount = Cells.decimal(amountText);
        }
        if (amount == null) {
          p.add(AMOUNT, "is empty");
        }
      } catch (NumberFormatException e) {
        p.add(AMOUNT, e.getMessage());
      }
    }
    String currency = Cells.text(row.cell("決済通貨"));
    if (currency != null && !currency.equals("円")) {
      p.add("決済通貨", "\"" + Cells.shorten(currency) + "\" funds are not imported; only yen (円)");
    }
    if (kind == null || !(kind.equals("買付") || kind.equals("解約") || kind.equals("再投資"))) {
      p.add("取引", "unknown \"" + (kind == null ? "" : Cells.shorten(kind)) + "\"; expected 買付, 解約 or 再投資");
    }
    if (!p.ok()) {
      return null;
    }
    Price price = new Price(nav.movePointLeft(4), JPY);
    BigDecimal value = units.multiply(price.value());
    List<Transaction> txs = new ArrayList<>();
    List<String> suffixes = new ArrayList<>();
    switch (kind) {
      case "買付", "再投資" -> {
        if (kind.equals("再投資")) {
          txs.add(Transaction.builder(TransactionType.DIVIDEND).at(at).asset(asset).amount(new Money(amount, JPY)).note(name + " 再投資").build());
          suffixes.add("");
        } else if (points != null && points.signum() > 0) {
          txs.add(Transaction.builder(TransactionType.DEPOSIT).at(at).asset(JPY).quantity(Quantity.of(points))
              .note("楽天ポイント利用 " + points.toPlainString() + " (" + name + ")").build());
          suffixes.add("points");
        }
        BigDecimal fee = amount.subtract(value);
        Transaction.Builder buy = Transaction.builder(TransactionType.BUY).at(at).asset(asset).quantity(Quantity.of(units)).price(price).note(name);
        if (fee.signum() > 0) {
          buy.fee(new Money(fee, JPY));
        }
        txs.add(buy.build());
        suffixes.add(txs.size() == 1 ? "" : "buy");
        rounding(fee.negate(), at, name, txs, suffixes);
      }
      default -> {
        BigDecimal fee = value.subtract(amount);
        Transaction.Builder sell = Transaction.builder(TransactionType.SELL).at(at).asset(asset).quantity(Quantity.of(units)).price(price).note(name);
        if (fee.signum() > 0) {
          sell.fee(new Money(fee, JPY));
        }
        txs.add(sell.build());
        suffixes.add("");
        rounding(fee.negate(), at, name, txs, suffixes);
      }
    }
    if (charges != null && charges.signum() < 0) {
      p.add("経費", "is negative");
    }
    // the first transaction names the row's fingerprint: put the buy first when there is a points deposit
    if (suffixes.get(0).equals("points")) {
      return new Mapped(List.of(txs.get(1), txs.get(0)), List.of("", "points"), wrapper);
    }
    return new Mapped(txs, suffixes, wrapper);
  }
}
