package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Total average cost (総平均法), in the account currency, per asset and calendar year in
 * {@code yearZone} (docs/ledger.md#cost-basis-methods): the year's average is
 * {@code (cost held at the start of the year + cost of the year's acquisitions) / (units held at
 * the start + units acquired in the year)}, every disposal of that year (sale, fee, transfer out)
 * is costed at it, and what remains is carried into the next year at that average.
 *
 * <p>A disposal's cost is therefore final only once its year is complete; until then it is costed
 * at the average so far and marked provisional. Costs are shares of the year's total cost
 * ({@code total x units / year's units}, 34 significant digits), and the carried cost is the exact
 * rest, so realized cost plus carried cost is the year's total cost to the last digit.
 *
 * <p>Nothing is guessed: an acquisition of unknown cost, or a holding that is short at any time in
 * the year (total average is defined for long holdings), makes that asset's year unknown: its
 * disposals have unknown cost and P&L, and the carried cost is unknown until a year ends with
 * nothing held. A row whose timestamp falls in a year before the one in progress (a late import)
 * counts in the year in progress: the ledger's order decides, as it does for FIFO.
 */
public record TotalAverage(ZoneId yearZone) implements CostBasisMethod {

  public TotalAverage {
    Objects.requireNonNull(yearZone, "yearZone");
  }

  @Override
  public CostMethod method() {
    return CostMethod.TOTAL_AVERAGE;
  }

  /** Units that left in the year; {@code weight} is their number in today's units (after splits). */
  private static final class Leaving {
    final AssetId asset;
    final Disposal disposal;
    final String closedBy;
    final Instant closedAt;
    final BigDecimal quantity;
    final BigDecimal proceeds;
    BigDecimal weight;

    Leaving(AssetId asset, Movement m, Entry entry, BigDecimal quantity) {
      this.asset = asset;
      this.disposal = m.disposal();
      this.closedBy = entry.transactionId();
      this.closedAt = entry.at();
      this.quantity = quantity;
      this.weight = quantity;
      this.proceeds = m.disposal() == Disposal.FEE ? BigDecimal.ZERO : m.amountInAccount();
    }
  }

  /** One asset's year in progress: mutable, confined to one call of {@link #costs}. */
  private static final class AssetYear {
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal startQuantity = BigDecimal.ZERO;
    BigDecimal startCost = BigDecimal.ZERO;
    BigDecimal acquiredUnits = BigDecimal.ZERO;
    BigDecimal acquiredCost = BigDecimal.ZERO;
    boolean shortInYear;
    final List<Leaving> leavings = new ArrayList<>();

    void startYear(BigDecimal carriedCost) {
      startQuantity = quantity;
      startCost = carriedCost;
      acquiredUnits = BigDecimal.ZERO;
      acquiredCost = BigDecimal.ZERO;
      shortInYear = quantity.signum() < 0;
      leavings.clear();
    }

    void split(BigDecimal ratio) {
      quantity = quantity.multiply(ratio);
      startQuantity = startQuantity.multiply(ratio);
      acquiredUnits = acquiredUnits.multiply(ratio);
      leavings.forEach(l -> l.weight = l.weight.multiply(ratio));
    }

    /**
     * Costs the year's leavings at its average into {@code costs} and returns the cost carried
     * over (null when unknown).
     */
    BigDecimal close(Map<Leaving, BigDecimal> costs) {
      BigDecimal units = startQuantity.add(acquiredUnits);
      BigDecimal total = shortInYear || units.signum() <= 0 ? null : Amounts.plus(startCost, acquiredCost);
      BigDecimal left = total;
      for (int i = 0; i < leavings.size(); i++) {
        Leaving l = leavings.get(i);
        boolean last = i == leavings.size() - 1;
        // sold out, the last leaving takes the exact rest: realized costs add up to the total
        BigDecimal cost = last && quantity.signum() == 0 ? left : Amounts.share(total, l.weight, units);
        costs.put(l, cost);
        left = Amounts.minus(left, cost);
      }
      return quantity.signum() == 0 ? BigDecimal.ZERO : left;
    }
  }

  @Override
  public CostBasis costs(AssetId accountCurrency, List<Entry> entries, Instant asOf) {
    Map<AssetId, AssetYear> years = new TreeMap<>();
    List<Leaving> inOrder = new ArrayList<>();
    List<Realized> realized = new ArrayList<>();
    int year = Integer.MIN_VALUE;
    for (Entry entry : entries) {
      int entryYear = ZonedDateTime.ofInstant(entry.at(), yearZone).getYear();
      if (entryYear > year) {
        if (year != Integer.MIN_VALUE) {
          closeYear(years, inOrder, realized, accountCurrency, false);
        }
        year = entryYear;
      }
      for (Movement m : entry.movements().changes()) {
        AssetYear y = years.computeIfAbsent(m.asset(), a -> new AssetYear());
        if (m.asset().isFiat()) {
          y.quantity = y.quantity.add(m.units());
        } else {
          move(y, m, entry, inOrder);
        }
      }
      var split = entry.movements().split();
      if (split != null) {
        years.computeIfAbsent(split.asset(), a -> new AssetYear()).split(split.ratio()); // touched, held or not
      }
    }
    boolean complete = year != Integer.MIN_VALUE && asOf != null
        && !asOf.isBefore(ZonedDateTime.of(year + 1, 1, 1, 0, 0, 0, 0, yearZone).toInstant());
    Map<AssetId, BigDecimal> carried = closeYear(years, inOrder, realized, accountCurrency, !complete);
    Map<AssetId, Holding> holdings = new TreeMap<>();
    years.forEach((asset, y) -> holdings.put(asset, new Holding(asset, y.quantity,
        asset.isFiat() ? null : Amounts.money(carried.get(asset), accountCurrency))));
    return new CostBasis(method(), accountCurrency, realized, holdings);
  }

  private static void move(AssetYear y, Movement m, Entry entry, List<Leaving> inOrder) {
    BigDecimal units = m.units();
    if (units.signum() == 0) {
      return;
    }
    if (units.signum() > 0) {
      y.acquiredUnits = y.acquiredUnits.add(units);
      y.acquiredCost = Amounts.minus(y.acquiredCost, m.amountInAccount());
    } else {
      Leaving l = new Leaving(m.asset(), m, entry, units.negate());
      y.leavings.add(l);
      inOrder.add(l);
    }
    y.quantity = y.quantity.add(units);
    if (y.quantity.signum() < 0) {
      y.shortInYear = true;
    }
  }

  /** Costs every leaving of the year, in ledger order; starts the next year; returns the carried costs. */
  private static Map<AssetId, BigDecimal> closeYear(
      Map<AssetId, AssetYear> years, List<Leaving> inOrder, List<Realized> realized, AssetId accountCurrency,
      boolean provisional) {
    Map<Leaving, BigDecimal> costs = new IdentityHashMap<>();
    Map<AssetId, BigDecimal> carried = new TreeMap<>();
    years.forEach((asset, y) -> {
      if (!asset.isFiat()) {
        carried.put(asset, y.close(costs));
      }
    });
    for (Leaving l : inOrder) {
      if (l.disposal == Disposal.TRANSFER) {
        continue;
      }
      BigDecimal cost = costs.get(l);
      realized.add(new Realized(l.asset, l.disposal, l.closedBy, l.closedAt, l.quantity,
          Amounts.money(cost, accountCurrency), Amounts.money(l.proceeds, accountCurrency),
          Amounts.money(Amounts.minus(l.proceeds, cost), accountCurrency), provisional));
    }
    inOrder.clear();
    years.forEach((asset, y) -> y.startYear(carried.get(asset)));
    return carried;
  }
}
