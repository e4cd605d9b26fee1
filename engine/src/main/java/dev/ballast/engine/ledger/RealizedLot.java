package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CurrencyMismatchException;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The closing of (part of) one lot: what it cost, what it brought, and the realized P&L, in the
 * lot's currency when the closing trade is in the same currency, and in the account currency when
 * both sides are known in it.
 *
 * @param quantity units closed, positive for a long lot and negative for a short one
 * @param currency the lot's cost currency; {@code cost} and {@code pnl} are in it
 * @param proceeds what the closing brought, in the closing trade's currency (which may differ from
 *     the cost currency: a stablecoin lot bought for yen and spent on coins)
 * @param pnl realized P&L in {@code currency}; null when the closing trade is in another currency
 *     or the cost is unknown
 */
public record RealizedLot(
    AssetId asset,
    Disposal disposal,
    String openedBy,
    Instant openedAt,
    String closedBy,
    Instant closedAt,
    BigDecimal quantity,
    AssetId currency,
    Money cost,
    Money proceeds,
    Money pnl,
    Money costInAccount,
    Money proceedsInAccount,
    Money pnlInAccount) {

  public RealizedLot {
    Objects.requireNonNull(currency, "currency");
    for (Money m : new Money[] {cost, pnl}) {
      if (m != null && !m.currency().equals(currency)) {
        throw new CurrencyMismatchException(currency, m.currency());
      }
    }
  }

  /** This closing as the journal keeps it (see {@link Lot.Journaled}). */
  public Journaled journaled() {
    AssetId proceedsCurrency = proceeds == null || proceeds.currency().equals(currency) ? null : proceeds.currency();
    return new Journaled(
        asset, disposal, openedBy, openedAt, closedBy, closedAt, quantity, currency, Lot.amount(cost),
        Lot.amount(proceeds), proceedsCurrency, Lot.amount(pnl), Lot.amount(costInAccount),
        Lot.amount(proceedsInAccount), Lot.amount(pnlInAccount));
  }

  /**
   * A closing as events carry it: amounts in {@code currency} and in the account currency as bare
   * decimals; {@link #bind} names the account currency again. {@code proceedsCurrency} is written
   * only when the proceeds are in another currency than the cost; events written before it was
   * kept leave it out for such proceeds too, and their proceeds read as in {@code currency}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Journaled(
      AssetId asset,
      Disposal disposal,
      String openedBy,
      Instant openedAt,
      String closedBy,
      Instant closedAt,
      BigDecimal quantity,
      AssetId currency,
      BigDecimal cost,
      BigDecimal proceeds,
      AssetId proceedsCurrency,
      BigDecimal pnl,
      BigDecimal costInAccount,
      BigDecimal proceedsInAccount,
      BigDecimal pnlInAccount) {

    /** The currency the proceeds are in. */
    public AssetId proceedsIn() {
      return proceedsCurrency == null ? currency : proceedsCurrency;
    }

    public RealizedLot bind(AssetId accountCurrency) {
      return new RealizedLot(
          asset, disposal, openedBy, openedAt, closedBy, closedAt, quantity, currency, Lot.money(cost, currency),
          Lot.money(proceeds, proceedsIn()), Lot.money(pnl, currency), Lot.money(costInAccount, accountCurrency),
          Lot.money(proceedsInAccount, accountCurrency), Lot.money(pnlInAccount, accountCurrency));
    }
  }
}
