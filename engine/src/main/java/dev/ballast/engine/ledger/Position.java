package dev.ballast.engine.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an account holds of one non-cash asset: its open lots (FIFO, oldest first) and the P&L its
 * closed lots realized in the account currency. Immutable; every change returns a new position.
 *
 * @param quantity always the sum of the open lots' quantities
 * @param realizedInAccount realized P&L in the account currency, summed over closings whose
 *     account-currency values were known
 */
public record Position(AssetId asset, Lots lots, BigDecimal quantity, BigDecimal realizedInAccount) {

  public static Position empty(AssetId asset) {
    return new Position(asset, Lots.empty(), BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** This position as snapshots carry it (see {@link Lot.Journaled}). */
  @JsonValue
  public Journaled journaled() {
    return new Journaled(asset, lots.asList().stream().map(Lot::journaled).toList(), quantity, realizedInAccount);
  }

  /** A position as snapshots carry it: its lots in their journaled form. */
  public record Journaled(AssetId asset, List<Lot.Journaled> lots, BigDecimal quantity, BigDecimal realizedInAccount) {
    public Position bind(AssetId accountCurrency) {
      return new Position(asset, Lots.of(lots.stream().map(l -> l.bind(accountCurrency)).toList()), quantity, realizedInAccount);
    }
  }

  /**
   * A change of the position by {@code units} (signed) in exchange for {@code value} (signed: what
   * flowed in, e.g. +proceeds of a sale, -cost of a purchase) in {@code currency}.
   *
   * @param value null when the value is unknown (coins deposited without a price); a new lot then
   *     has an unknown cost
   * @param valueInAccount the same value in the account currency, null when unknown
   */
  record Movement(
      String transactionId,
      Instant at,
      BigDecimal units,
      AssetId currency,
      Money value,
      Money valueInAccount,
      Disposal disposal) {}

  /** A changed position, what the change closed, and the change as a step to replay. */
  record Outcome(Position position, List<RealizedLot> realized, List<Lot> removed, LedgerStep.LotsMoved step) {}

  Outcome move(Movement m, AssetId accountCurrency, boolean allowShort) {
    BigDecimal remaining = m.units();
    BigDecimal total = m.units().abs();
    Money valueLeft = m.value();
    Money valueInAccountLeft = m.valueInAccount();
    BigDecimal unitsLeft = total;
    Lots open = lots;
    Money zeroInAccount = Money.zero(accountCurrency);
    Money realizedSum = new Money(realizedInAccount, accountCurrency);
    List<RealizedLot> realized = new ArrayList<>();
    List<Lot> removed = new ArrayList<>();
    int closedWhole = 0;
    Lot remainder = null;
    Lot opened = null;

    while (remaining.signum() != 0 && !open.isEmpty() && open.oldest().quantity().signum() == -remaining.signum()) {
      Lot lot = open.oldest();
      BigDecimal take = remaining.abs().min(lot.quantity().abs());
      Lot.Split split = lot.split(take);
      Lot closed = split.taken();
      if (split.rest() == null) {
        open = open.withoutOldest();
        closedWhole++;
      } else {
        open = open.replaceOldest(split.rest());
        remainder = split.rest(); // only the last closing can leave a rest
      }
      remaining = remaining.add(closed.quantity());

      boolean last = take.compareTo(unitsLeft) == 0;
      Money portion = last ? valueLeft : Lot.share(m.value(), take, total);
      Money portionInAccount = last ? valueInAccountLeft : Lot.share(m.valueInAccount(), take, total);
      valueLeft = Lot.minus(valueLeft, portion);
      valueInAccountLeft = Lot.minus(valueInAccountLeft, portionInAccount);
      unitsLeft = unitsLeft.subtract(take);

      if (m.disposal() == Disposal.TRANSFER) {
        removed.add(closed);
        continue;
      }
      boolean fee = m.disposal() == Disposal.FEE;
      Money proceeds = fee ? Money.zero(closed.costCurrency()) : portion;
      Money proceedsInAccount = fee ? zeroInAccount : portionInAccount;
      Money pnl =
          proceeds != null && proceeds.currency().equals(closed.costCurrency()) ? Lot.minus(proceeds, closed.cost()) : null;
      Money pnlInAccount = Lot.minus(proceedsInAccount, closed.costInAccount());
      if (pnl == null && pnlInAccount == null && closed.cost() != null && proceeds != null) {
        throw new LedgerRejection(
            "fxRate",
            "currency mismatch: " + asset + " lots were bought in " + closed.costCurrency()
                + " and this " + m.disposal().name().toLowerCase() + " is in " + m.currency()
                + "; give fxRate (" + m.currency() + " in the account currency) so the gain can be measured");
      }
      if (pnlInAccount != null) {
        realizedSum = realizedSum.plus(pnlInAccount);
      }
      realized.add(
          new RealizedLot(
              asset, m.disposal(), closed.openedBy(), closed.openedAt(), m.transactionId(), m.at(),
              closed.quantity(), closed.costCurrency(), closed.cost(), proceeds, pnl,
              closed.costInAccount(), proceedsInAccount, pnlInAccount));
    }

    if (remaining.signum() != 0) {
      boolean opensShort = remaining.signum() < 0;
      if (opensShort && (m.disposal() != Disposal.SALE || !allowShort)) {
        BigDecimal held = quantity.max(BigDecimal.ZERO);
        throw new LedgerRejection(
            "quantity",
            "not enough " + asset + ": this needs " + total.toPlainString() + " but the account holds "
                + held.toPlainString() + (m.disposal() == Disposal.SALE ? " and does not allow short positions" : ""));
      }
      Money cost = valueLeft == null ? null : valueLeft.negate();
      Money costInAccount = valueInAccountLeft == null ? null : valueInAccountLeft.negate();
      opened = new Lot(m.transactionId(), m.at(), remaining, m.currency(), cost, costInAccount);
      open = open.append(opened);
    }
    Position next = new Position(asset, open, quantity.add(m.units()), realizedSum.amount());
    LedgerStep.LotsMoved step =
        new LedgerStep.LotsMoved(
            asset, m.units(), closedWhole, remainder == null ? null : remainder.journaled(),
            opened == null ? null : opened.journaled(), realizedSum.amount().subtract(realizedInAccount));
    return new Outcome(next, List.copyOf(realized), List.copyOf(removed), step);
  }

  /** The position after a recorded step, applied as it was decided: no rule runs. */
  Position replay(LedgerStep.LotsMoved step, AssetId accountCurrency) {
    Lots open = lots.drop(step.closed());
    if (step.remainder() != null) {
      open = open.replaceOldest(step.remainder().bind(accountCurrency));
    }
    if (step.opened() != null) {
      open = open.append(step.opened().bind(accountCurrency));
    }
    return new Position(asset, open, quantity.add(step.units()), realizedInAccount.add(step.realized()));
  }

  Position split(BigDecimal ratio) {
    return new Position(asset, lots.map(lot -> lot.scaled(ratio)), quantity.multiply(ratio), realizedInAccount);
  }

  /** Totals for display and the read side. */
  public PositionSummary summary() {
    AssetId costCurrency = null;
    boolean uniform = true;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal costInAccount = BigDecimal.ZERO;
    for (Lot lot : lots.asList()) {
      if (costCurrency == null) {
        costCurrency = lot.costCurrency();
      } else if (!costCurrency.equals(lot.costCurrency())) {
        uniform = false;
      }
      cost = cost == null || lot.cost() == null ? null : cost.add(lot.cost().amount());
      costInAccount =
          costInAccount == null || lot.costInAccount() == null ? null : costInAccount.add(lot.costInAccount().amount());
    }
    if (!uniform) {
      costCurrency = null;
      cost = null;
    }
    if (lots.isEmpty()) {
      cost = null;
      costInAccount = null;
    }
    return new PositionSummary(
        asset, quantity, costCurrency, cost, costInAccount, realizedInAccount, lots.size());
  }
}
