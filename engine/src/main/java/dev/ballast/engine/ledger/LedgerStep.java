package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;

/**
 * One change a transaction made to a book, as it was decided when the transaction was recorded.
 * A {@code TransactionRecorded} event carries its steps, and replaying the journal applies them as
 * they are ({@link LedgerBook#replay}): no rule runs again, so a later change of the rules never
 * rewrites history. The audit re-runs today's rules and reports where they would decide otherwise.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "step")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LedgerStep.CashMoved.class, name = "cash"),
  @JsonSubTypes.Type(value = LedgerStep.LotsMoved.class, name = "lots"),
  @JsonSubTypes.Type(value = LedgerStep.LotsSplit.class, name = "split"),
  @JsonSubTypes.Type(value = LedgerStep.TotalAdded.class, name = "total")
})
public sealed interface LedgerStep {

  /** A fiat balance changed by {@code amount} (signed). */
  record CashMoved(AssetId currency, BigDecimal amount) implements LedgerStep {}

  /**
   * A position changed by {@code units} (signed): its {@code closed} oldest lots went whole; then,
   * when {@code remainder} is set, the oldest lot left was partly closed and is now that lot; then,
   * when {@code opened} is set, a new lot was added at the end. {@code realized} is what the
   * closings added to the realized P&L in the account currency.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LotsMoved(
      AssetId asset, BigDecimal units, int closed, Lot.Journaled remainder, Lot.Journaled opened, BigDecimal realized)
      implements LedgerStep {}

  /** Every lot of a position scaled by {@code ratio} (new units per old); costs unchanged. */
  record LotsSplit(AssetId asset, BigDecimal ratio) implements LedgerStep {}

  /** A fee, tax or income total grew by {@code amount} in {@code currency}. */
  record TotalAdded(Total total, AssetId currency, BigDecimal amount) implements LedgerStep {}

  /** The totals a book keeps besides its holdings. */
  enum Total {
    FEES,
    TAXES,
    INCOME
  }
}
