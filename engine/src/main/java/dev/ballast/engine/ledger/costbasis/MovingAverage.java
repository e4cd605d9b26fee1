package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moving average cost (移動平均法), in the account currency: per asset a quantity and a total
 * cost; every acquisition adds to both, and whatever leaves takes average x quantity off the cost
 * (docs/ledger.md#cost-basis-methods).
 *
 * <ul>
 *   <li>An acquisition adds its cost in the account currency (what the movement's value says: a
 *       fee in the price currency included; a buy fee in the asset bought means fewer units).
 *   <li>A sale realizes its proceeds minus average x quantity; a fee paid in the asset is a
 *       disposal at zero proceeds; a transfer out takes average x quantity off without P&L.
 *   <li>A split multiplies the quantity and keeps the total cost.
 *   <li>A cost not known in the account currency makes the asset's total cost unknown until its
 *       quantity is back to zero; a disposal meanwhile realizes an unknown P&L.
 *   <li>A short position mirrors this: a short sale adds its proceeds as a negative cost, and a
 *       buy closing it realizes the average proceeds minus what the buy cost.
 * </ul>
 */
public record MovingAverage() implements CostBasisMethod {

  @Override
  public CostMethod method() {
    return CostMethod.AVERAGE;
  }

  /** One asset's quantity and total cost (null when unknown). */
  private record Position(BigDecimal quantity, BigDecimal cost) {
    static final Position NONE = new Position(BigDecimal.ZERO, BigDecimal.ZERO);
  }

  @Override
  public CostBasis costs(AssetId accountCurrency, List<Entry> entries, Instant asOf) {
    Map<AssetId, Position> positions = new TreeMap<>();
    List<Realized> realized = new ArrayList<>();
    for (Entry entry : entries) {
      for (Movement m : entry.movements().changes()) {
        Position before = positions.getOrDefault(m.asset(), Position.NONE);
        positions.put(m.asset(), m.asset().isFiat()
            ? new Position(before.quantity().add(m.units()), null)
            : move(before, m, entry, accountCurrency, realized));
      }
      var split = entry.movements().split();
      if (split != null) {
        Position p = positions.getOrDefault(split.asset(), Position.NONE); // a split touches the holding, held or not
        positions.put(split.asset(), new Position(p.quantity().multiply(split.ratio()), p.cost()));
      }
    }
    Map<AssetId, Holding> holdings = new TreeMap<>();
    positions.forEach((asset, p) -> holdings.put(asset, new Holding(asset, p.quantity(), Amounts.money(p.cost(), accountCurrency))));
    return new CostBasis(method(), accountCurrency, realized, holdings);
  }

  private static Position move(Position p, Movement m, Entry entry, AssetId accountCurrency, List<Realized> realized) {
    BigDecimal units = m.units();
    if (units.signum() == 0) {
      return p;
    }
    BigDecimal value = m.amountInAccount();
    BigDecimal quantity = p.quantity();
    BigDecimal cost = p.cost();
    BigDecimal total = units.abs();
    BigDecimal valueLeft = value;
    BigDecimal unitsLeft = units;
    if (quantity.signum() != 0 && quantity.signum() != units.signum()) {
      // closing against the average: all of it, or as much as is held
      BigDecimal take = total.min(quantity.abs());
      boolean all = take.compareTo(quantity.abs()) == 0;
      BigDecimal closedQuantity = quantity.signum() > 0 ? take : take.negate();
      BigDecimal closedCost = all ? cost : Amounts.share(cost, take, quantity.abs());
      BigDecimal portion = take.compareTo(total) == 0 ? value : Amounts.share(value, take, total);
      valueLeft = Amounts.minus(value, portion);
      unitsLeft = units.signum() > 0 ? units.subtract(take) : units.add(take);
      quantity = quantity.subtract(closedQuantity);
      // sold out, the cost is exactly zero again, known or not before
      cost = all ? BigDecimal.ZERO : Amounts.minus(cost, closedCost);
      if (m.disposal() != Disposal.TRANSFER) {
        BigDecimal proceeds = m.disposal() == Disposal.FEE ? BigDecimal.ZERO : portion;
        realized.add(new Realized(m.asset(), m.disposal(), entry.transactionId(), entry.at(), closedQuantity,
            Amounts.money(closedCost, accountCurrency), Amounts.money(proceeds, accountCurrency),
            Amounts.money(Amounts.minus(proceeds, closedCost), accountCurrency), false));
      }
    }
    if (unitsLeft.signum() != 0) {
      // opening or adding to the holding (or what is left after closing a short, and the reverse)
      quantity = quantity.add(unitsLeft);
      cost = Amounts.minus(cost, valueLeft);
    }
    return new Position(quantity, cost);
  }
}
