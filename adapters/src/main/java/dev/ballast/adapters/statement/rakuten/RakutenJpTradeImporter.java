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

/**
 * 取引履歴 国内株式 ({@code tradehistory(JP)_YYYYMMDD.csv}): 買付 and 売付 of cash (現物) trades,
 * 入庫 and 出庫 with the transferred cost. The fee is 手数料 + 税金等 + 諸費用, in yen.
 */
public final class RakutenJpTradeImporter extends RakutenCsvImporter {
  public static final String NAME = "rakuten-jp-trades";
  public static final List<String> HEADER = List.of("約定日", "受渡日", "銘柄コード", "銘柄名", "市場名称", "口座区分", "取引区分", "売買区分",
      "信用区分", "弁済期限", "数量［株］", "単価［円］", "手数料［円］", "税金等［円］", "諸費用［円］", "税区分", "受渡金額［円］", "建約定日", "建単価［円］",
      "建手数料［円］", "建手数料消費税［円］", "金利（支払）〔円〕", "金利（受取）〔円〕", "逆日歩／特別空売り料（支払）〔円〕", "逆日歩（受取）〔円〕", "貸株料",
      "事務管理費〔円〕（税抜）", "名義書換料〔円〕（税抜）");

  public RakutenJpTradeImporter() {
    super(NAME, "Rakuten Securities domestic stock trade history (tradehistory(JP))", "rakuten-jp", HEADER);
  }

  @Override
  Mapped map(RakutenRow row, RakutenCells.Problems p) {
    Instant at = p.date(row, "約定日");
    String code = Cells.text(row.cell("銘柄コード"));
    AssetId asset = code == null ? null : p.asset("銘柄コード", RakutenCells.jpAsset(code));
    if (code == null) {
      p.add("銘柄コード", "is empty");
    }
    TaxWrapper wrapper = p.wrapper(row, "口座区分");
    String side = Cells.text(row.cell("売買区分"));
    String kind = Cells.text(row.cell("取引区分"));
    BigDecimal quantity = p.required(row, "数量［株］");
    BigDecimal price = p.decimal(row, "単価［円］");
    BigDecimal fee = sum(p.decimal(row, "手数料［円］"), p.decimal(row, "税金等［円］"), p.decimal(row, "諸費用［円］"));
    p.decimal(row, "受渡金額［円］");
    TransactionType type = null;
    if (side == null) {
      p.add("売買区分", "is empty");
    } else if (side.startsWith("入庫")) {
      type = TransactionType.TRANSFER_IN;
    } else if (side.startsWith("出庫")) {
      type = TransactionType.TRANSFER_OUT;
    } else if (side.equals("買付") || side.equals("売付")) {
      if (!"現物".equals(kind)) {
        p.add("取引区分", "\"" + (kind == null ? "" : kind) + "\" trades (margin) are not imported; only 現物");
      }
      type = side.equals("買付") ? TransactionType.BUY : TransactionType.SELL;
      if (price == null) {
        p.add("単価［円］", "is empty");
      }
    } else {
      p.add("売買区分", "unknown \"" + Cells.shorten(side) + "\"; expected 買付, 売付, 入庫 or 出庫");
    }
    if (!p.ok()) {
      return null;
    }
    Transaction.Builder b = Transaction.builder(type).at(at).asset(asset).quantity(Quantity.of(quantity)).note(RakutenCells.note(row.cell("銘柄名")));
    if (type == TransactionType.BUY || type == TransactionType.SELL) {
      b.price(new Price(price, AssetId.of("JPY")));
      if (fee.signum() != 0) {
        b.fee(new Money(fee, AssetId.of("JPY")));
      }
    } else if (type == TransactionType.TRANSFER_IN && price != null && price.signum() > 0) {
      b.price(new Price(price, AssetId.of("JPY")));
    }
    return Mapped.one(b.build(), wrapper);
  }

  static BigDecimal sum(BigDecimal... values) {
    BigDecimal total = BigDecimal.ZERO;
    for (BigDecimal v : values) {
      if (v != null) {
        total = total.add(v);
      }
    }
    return total;
  }
}
