package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * First in, first out, in the account currency: a disposal closes the oldest open lots first, as
 * the ledger's lots do ({@link dev.ballast.engine.ledger.LedgerBook}), with the same division of
 * costs and proceeds, so its realized P&L equals the ledger's realized lots' P&L in the account
 * currency, closing by closing.
 */
public record Fifo() implements CostBasisMethod {

  @Override
  public CostMethod method() {
    return CostMethod.FIFO;
  }

  /** Units of one acquisition still open; {@code cost} null when unknown. */
  private record Lot(BigDecimal quantity, BigDecimal cost) {}

  @Override
  public CostBasis costs(AssetId accountCurrency, List<Entry> entries, Instant asOf) {
    Map<AssetId, Deque<Lot>> lots = new HashMap<>();
    Map<AssetId, BigDecimal> quantities = new TreeMap<>();
    List<Realized> realized = new ArrayList<>();
    for (Entry entry : entries) {
      Movements movements = entry.movements();
      for (Movement m : movements.changes()) {
        quantities.merge(m.asset(), m.units(), BigDecimal::add);
        if (!m.asset().isFiat()) {
          move(lots.computeIfAbsent(m.asset(), a -> new ArrayDeque<>()), m, entry, accountCurrency, realized);
        }
      }
      if (movements.split() != null) {
        AssetId asset = movements.split().asset();
        BigDecimal ratio = movements.split().ratio();
        quantities.merge(asset, BigDecimal.ZERO, BigDecimal::add); // a split touches the holding, held or not, as in the ledger
        quantities.computeIfPresent(asset, (a, q) -> q.multiply(ratio));
        Deque<Lot> open = lots.get(asset);
        if (open != null) {
          Deque<Lot> scaled = new ArrayDeque<>();
          open.forEach(lot -> scaled.add(new Lot(lot.quantity().multiply(ratio), lot.cost())));
          lots.put(asset, scaled);
        }
      }
    }
    Map<AssetId, Holding> holdings = new TreeMap<>();
    quantities.forEach((asset, quantity) -> holdings.put(asset, new Holding(asset, quantity,
        asset.isFiat() ? null : Amounts.money(cost(lots.get(asset)), accountCurrency))));
    return new CostBasis(method(), accountCurrency, realized, holdings);
  }

  private static BigDecimal cost(Deque<Lot> open) {
    BigDecimal cost = BigDecimal.ZERO;
    if (open != null) {
      for (Lot lot : open) {
        cost = Amounts.plus(cost, lot.cost());
      }
    }
    return cost;
  }

  /** As the ledger's Position moves, on the account-currency side only. */
  private static void move(Deque<Lot> open, Movement m, Entry entry, AssetId accountCurrency, List<Realized> realized) {
    BigDecimal remaining = m.units();
    BigDecimal total = m.units().abs();
    BigDecimal value = m.amountInAccount();
    BigDecimal valueLeft = value;
    BigDecimal unitsLeft = total;
    while (remaining.signum() != 0 && !open.isEmpty() && open.peekFirst().quantity().signum() == -remaining.signum()) {
      Lot lot = open.pollFirst();
      BigDecimal size = lot.quantity().abs();
      BigDecimal take = remaining.abs().min(size);
      Lot closed = lot;
      if (take.compareTo(size) < 0) {
        BigDecimal takenQuantity = take.multiply(BigDecimal.valueOf(lot.quantity().signum()));
        BigDecimal takenCost = Amounts.share(lot.cost(), take, size);
        closed = new Lot(takenQuantity, takenCost);
        // the rest is exactly what remains, so taken + rest is always the whole lot
        open.addFirst(new Lot(lot.quantity().subtract(takenQuantity), Amounts.minus(lot.cost(), takenCost)));
      }
      remaining = remaining.add(closed.quantity());
      BigDecimal portion = take.compareTo(unitsLeft) == 0 ? valueLeft : Amounts.share(value, take, total);
      valueLeft = Amounts.minus(valueLeft, portion);
      unitsLeft = unitsLeft.subtract(take);
      if (m.disposal() == Disposal.TRANSFER) {
        continue;
      }
      BigDecimal proceeds = m.disposal() == Disposal.FEE ? BigDecimal.ZERO : portion;
      realized.add(new Realized(m.asset(), m.disposal(), entry.transactionId(), entry.at(), closed.quantity(),
          Amounts.money(closed.cost(), accountCurrency), Amounts.money(proceeds, accountCurrency),
          Amounts.money(Amounts.minus(proceeds, closed.cost()), accountCurrency), false));
    }
    if (remaining.signum() != 0) {
      open.addLast(new Lot(remaining, Amounts.negate(valueLeft)));
    }
  }
}
