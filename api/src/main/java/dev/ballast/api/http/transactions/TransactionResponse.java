package dev.ballast.api.http.transactions;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Instant;

/** A recorded transaction as the API shows it: the fields it was recorded with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransactionResponse(
    TransactionType type,
    Instant timestamp,
    String asset,
    BigDecimal quantity,
    Price price,
    Amount amount,
    Amount fee,
    Amount tax,
    BigDecimal fxRate,
    String transferId,
    BigDecimal splitRatio,
    String source,
    String externalId,
    String note) {

  public record Price(BigDecimal value, String currency) {}

  public record Amount(BigDecimal amount, String currency) {}

  public static TransactionResponse of(Transaction tx) {
    return new TransactionResponse(tx.type(), tx.timestamp(), tx.asset() == null ? null : tx.asset().value(),
        tx.quantity() == null ? null : tx.quantity().value(),
        tx.price() == null ? null : new Price(tx.price().value(), tx.price().currency().value()),
        amount(tx.amount()), amount(tx.fee()), amount(tx.tax()), tx.fxRate(), tx.transferId(), tx.splitRatio(),
        tx.source(), tx.externalId(), tx.note());
  }

  private static Amount amount(Money money) {
    return money == null ? null : new Amount(money.amount(), money.currency().value());
  }
}
