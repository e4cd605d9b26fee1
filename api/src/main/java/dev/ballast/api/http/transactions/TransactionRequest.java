package dev.ballast.api.http.transactions;

import dev.ballast.api.http.Fields;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One transaction as the API (and the CLI and the JSON batch file) takes it. docs/ledger.md says
 * which fields each type uses; the ledger checks them, this type only carries them.
 */
public record TransactionRequest(
    TransactionType type,
    Instant timestamp,
    String asset,
    BigDecimal quantity,
    PriceRequest price,
    MoneyRequest amount,
    MoneyRequest fee,
    MoneyRequest tax,
    BigDecimal fxRate,
    String transferId,
    BigDecimal splitRatio,
    String source,
    String externalId,
    String note) {

  /** A price per unit in a currency. */
  public record PriceRequest(BigDecimal value, String currency) {}

  /** An amount of money in a currency (or the asset it is counted in). */
  public record MoneyRequest(BigDecimal amount, String currency) {}

  /** The same transaction as the CLI sends it. */
  public static TransactionRequest of(Transaction tx) {
    return new TransactionRequest(tx.type(), tx.timestamp(), tx.asset() == null ? null : tx.asset().value(),
        tx.quantity() == null ? null : tx.quantity().value(),
        tx.price() == null ? null : new PriceRequest(tx.price().value(), tx.price().currency().value()),
        money(tx.amount()), money(tx.fee()), money(tx.tax()), tx.fxRate(), tx.transferId(), tx.splitRatio(),
        tx.source(), tx.externalId(), tx.note());
  }

  private static MoneyRequest money(Money money) {
    return money == null ? null : new MoneyRequest(money.amount(), money.currency().value());
  }

  /** The engine's transaction; problems with the fields' forms are added to {@code errors} under this row. */
  public Transaction toTransaction(int row, List<FieldError> errors) {
    Transaction.Builder b = Transaction.builder(type).at(timestamp)
        .asset(Fields.parse(row, "asset", asset, AssetId::of, errors))
        .fxRate(fxRate).transferId(transferId).note(note).ref(source, externalId);
    if (quantity != null) {
      b.quantity(new Quantity(quantity));
    }
    if (price != null && Fields.require(row, "price.value", price.value(), errors) & Fields.require(row, "price.currency", price.currency(), errors)) {
      AssetId currency = Fields.parse(row, "price.currency", price.currency(), AssetId::of, errors);
      if (currency != null) {
        b.price(new Price(price.value(), currency));
      }
    }
    b.amount(money(row, "amount", amount, errors)).fee(money(row, "fee", fee, errors)).tax(money(row, "tax", tax, errors));
    if (splitRatio != null) {
      b.splitRatio(splitRatio.toPlainString());
    }
    return b.build();
  }

  private static Money money(int row, String field, MoneyRequest money, List<FieldError> errors) {
    if (money == null) {
      return null;
    }
    boolean complete = Fields.require(row, field + ".amount", money.amount(), errors)
        & Fields.require(row, field + ".currency", money.currency(), errors);
    AssetId currency = Fields.parse(row, field + ".currency", money.currency(), AssetId::of, errors);
    return complete && currency != null ? new Money(money.amount(), currency) : null;
  }
}
