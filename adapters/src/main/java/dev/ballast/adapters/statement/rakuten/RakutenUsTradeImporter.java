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
import java.util.List;
import java.util.Locale;

/**
 * 取引履歴 米国株式 ({@code tradehistory(US)_YYYYMMDD.csv}): trades in US dollars with the day's
 * rate (yen per dollar, the account currency's rate), fee 手数料 + 税金 in dollars; 入庫 and 出庫
 * sit in 取引区分 here, with 売買区分 empty.
 */
public final class RakutenUsTradeImporter extends RakutenCsvImporter {
  public static final String NAME = "rakuten-us-trades";
  public static final List<String> HEADER = List.of("約定日", "受渡日", "ティッカー", "銘柄名", "口座", "取引区分", "売買区分", "信用区分", "弁済期限",
      "決済通貨", "数量［株］", "単価［USドル］", "約定代金［USドル］", "為替レート", "手数料［USドル］", "税金［USドル］", "受渡金額［USドル］", "受渡金額［円］");
  private static final AssetId USD = AssetId.of("USD");

  public RakutenUsTradeImporter() {
    super(NAME, "Rakuten Securities US stock trade history (tradehistory(US))", "rakuten-us", HEADER);
  }

  @Override
  Mapped map(RakutenRow row, RakutenCells.Problems p) {
    Instant at = p.date(row, "約定日");
    String ticker = Cells.text(row.cell("ティッカー"));
    AssetId asset = ticker == null ? null : p.asset("ティッカー", ticker.toUpperCase(Locale.ROOT));
    if (ticker == null) {
      p.add("ティッカー", "is empty");
    }
    TaxWrapper wrapper = p.wrapper(row, "口座");
    String kind = Cells.text(row.cell("取引区分"));
    String side = Cells.text(row.cell("売買区分"));
    BigDecimal quantity = p.required(row, "数量［株］");
    BigDecimal price = p.decimal(row, "単価［USドル］");
    BigDecimal rate = p.decimal(row, "為替レート");
    BigDecimal fee = RakutenJpTradeImporter.sum(p.decimal(row, "手数料［USドル］"), p.decimal(row, "税金［USドル］"));
    p.decimal(row, "約定代金［USドル］");
    p.decimal(row, "受渡金額［USドル］");
    TransactionType type = null;
    if ("入庫".equals(kind)) {
      type = TransactionType.TRANSFER_IN;
    } else if ("出庫".equals(kind)) {
      type = TransactionType.TRANSFER_OUT;
    } else if ("現物".equals(kind)) {
      if ("買付".equals(side) || "売付".equals(side)) {
        type = side.equals("買付") ? TransactionType.BUY : TransactionType.SELL;
        String currency = Cells.text(row.cell("決済通貨"));
        if (currency != null && !currency.equals("USドル") && !currency.equals("米ドル")) {
          p.add("決済通貨", "\"" + Cells.shorten(currency) + "\" settlement is not imported; only US dollars (ＵＳドル, 米ドル)");
        }
        if (price == null) {
          p.add("単価［USドル］", "is empty");
        }
      } else {
        p.add("売買区分", "unknown \"" + (side == null ? "" : Cells.shorten(side)) + "\"; expected 買付 or 売付");
      }
    } else {
      p.add("取引区分", "\"" + (kind == null ? "" : Cells.shorten(kind)) + "\" is not imported; expected 現物, 入庫 or 出庫");
    }
    if (!p.ok()) {
      return null;
    }
    Transaction.Builder b = Transaction.builder(type).at(at).asset(asset).quantity(Quantity.of(quantity)).note(RakutenCells.note(row.cell("銘柄名")));
    if (type == TransactionType.BUY || type == TransactionType.SELL) {
      b.price(new Price(price, USD));
      if (fee.signum() != 0) {
        b.fee(new Money(fee, USD));
      }
      if (rate != null) {
        b.fxRate(rate);
      }
    }
    return Mapped.one(b.build(), wrapper);
  }
}
