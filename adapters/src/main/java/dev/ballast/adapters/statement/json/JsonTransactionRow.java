package dev.ballast.adapters.statement.json;

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
import java.util.function.Function;

/** One row of a batch file as written (the file's own form, which is the API's), before it is a transaction. */
record JsonTransactionRow(
    TransactionType type,
    Instant timestamp,
    String asset,
    BigDecimal quantity,
    PriceRow price,
    MoneyRow amount,
    MoneyRow fee,
    MoneyRow tax,
    BigDecimal fxRate,
    String transferId,
    BigDecimal splitRatio,
    String source,
    String externalId,
    String note) {

  record PriceRow(BigDecimal value, String currency) {}

  record MoneyRow(BigDecimal amount, String currency) {}

  /** The transaction; a field that does not make a typed value adds an error under this row. */
  Transaction toTransaction(int row, List<FieldError> errors) {
    Transaction.Builder b = Transaction.builder(type).at(timestamp).asset(parse(row, "asset", asset, AssetId::of, errors))
        .fxRate(fxRate).transferId(transferId).note(note).ref(source, externalId);
    if (quantity != null) {
      b.quantity(new Quantity(quantity));
    }
    if (price != null) {
      AssetId currency = parse(row, "price.currency", price.currency(), AssetId::of, errors);
      if (complete(row, "price", price.value(), price.currency(), "value", errors) && currency != null) {
        b.price(new Price(price.value(), currency));
      }
    }
    b.amount(money(row, "amount", amount, errors)).fee(money(row, "fee", fee, errors)).tax(money(row, "tax", tax, errors));
    if (splitRatio != null) {
      b.splitRatio(splitRatio.toPlainString());
    }
    return b.build();
  }

  private static Money money(int row, String field, MoneyRow money, List<FieldError> errors) {
    if (money == null) {
      return null;
    }
    AssetId currency = parse(row, field + ".currency", money.currency(), AssetId::of, errors);
    return complete(row, field, money.amount(), money.currency(), "amount", errors) && currency != null
        ? new Money(money.amount(), currency) : null;
  }

  private static boolean complete(int row, String field, BigDecimal value, String currency, String valueName, List<FieldError> errors) {
    if (value == null) {
      errors.add(new FieldError(row, field + "." + valueName, "is required"));
    }
    if (currency == null) {
      errors.add(new FieldError(row, field + ".currency", "is required"));
    }
    return value != null && currency != null;
  }

  private static <T> T parse(int row, String field, String text, Function<String, T> parser, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(row, field, e.getMessage()));
      return null;
    }
  }
}
