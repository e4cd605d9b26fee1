package dev.ballast.engine.planner;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.planner.Plan.Dropped;
import dev.ballast.engine.planner.Plan.LotSlice;
import dev.ballast.engine.planner.Plan.PlannedOrder;
import dev.ballast.engine.planner.Plan.Side;
import dev.ballast.engine.planner.PlannerInputs.AccountState;
import dev.ballast.engine.planner.PlannerInputs.HeldLot;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns target weights into orders per account: sells close the lots whose realized gain costs
 * the least tax first (a loss that offsets gains, then untaxed accounts, then the smallest taxed
 * gain), buys go where a future gain is taxed least and the fee is lowest, as far as that
 * account's cash (after the sells) reaches; trades under a venue's minimum are left out with why.
 * Pure: the same inputs give the same plan.
 */
public final class MultiAccountPlanner {

  private static final MathContext MC = MathContext.DECIMAL128;

  private final TaxModel tax;

  public MultiAccountPlanner(TaxModel tax) {
    this.tax = tax;
  }

  public Plan plan(PlannerInputs in) {
    AssetId base = in.baseCurrency();
    Map<AccountId, BigDecimal> cash = new LinkedHashMap<>();
    // an asset placed in an account is counted, sold and bought there apart from the same asset elsewhere
    java.util.Set<String> placed = new java.util.HashSet<>();
    in.placed().forEach(p -> placed.add(pair(p.account(), p.asset())));
    Map<AssetId, BigDecimal> held = new HashMap<>();
    Map<String, BigDecimal> heldPlaced = new HashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (AccountState a : in.accounts()) {
      cash.put(a.account(), a.cash().amount());
      total = total.add(a.cash().amount());
      for (HeldLot lot : a.lots()) {
        BigDecimal value = lot.quantity().multiply(in.prices().get(lot.asset()).amount());
        if (placed.contains(pair(a.account(), lot.asset()))) {
          heldPlaced.merge(pair(a.account(), lot.asset()), value, BigDecimal::add);
        } else {
          held.merge(lot.asset(), value, BigDecimal::add);
        }
        total = total.add(value);
      }
    }
    TreeSet<AssetId> assets = new TreeSet<>(in.targets().keySet());
    assets.addAll(held.keySet());
    Map<AssetId, BigDecimal> delta = new LinkedHashMap<>();
    for (AssetId asset : assets) {
      BigDecimal weight = in.targets().getOrDefault(asset, BigDecimal.ZERO);
      delta.put(asset, weight.multiply(total).subtract(held.getOrDefault(asset, BigDecimal.ZERO)));
    }
    List<PlannerInputs.Placed> pins = new ArrayList<>(in.placed());
    pins.sort(Comparator.comparing((PlannerInputs.Placed p) -> p.asset()).thenComparing(p -> p.account().value()));
    Map<PlannerInputs.Placed, BigDecimal> pinDelta = new LinkedHashMap<>();
    for (PlannerInputs.Placed p : pins) {
      pinDelta.put(p, p.weight().multiply(total).subtract(heldPlaced.getOrDefault(pair(p.account(), p.asset()), BigDecimal.ZERO)));
    }
    List<PlannedOrder> orders = new ArrayList<>();
    List<Dropped> dropped = new ArrayList<>();
    // sells first, so that their proceeds count as cash where the buys are placed
    for (AssetId asset : assets) {
      if (delta.get(asset).signum() < 0) {
        sell(in, asset, delta.get(asset).negate(), in.targets().getOrDefault(asset, BigDecimal.ZERO), cash, orders, dropped,
            a -> !placed.contains(pair(a.account(), asset)), null);
      }
    }
    for (Map.Entry<PlannerInputs.Placed, BigDecimal> e : pinDelta.entrySet()) {
      PlannerInputs.Placed p = e.getKey();
      if (e.getValue().signum() < 0) {
        sell(in, p.asset(), e.getValue().negate(), p.weight(), cash, orders, dropped, a -> a.account().equals(p.account()), p.account());
      }
    }
    // a placed target can use its account's cash only: it buys before the targets that can go anywhere
    for (Map.Entry<PlannerInputs.Placed, BigDecimal> e : pinDelta.entrySet()) {
      PlannerInputs.Placed p = e.getKey();
      if (e.getValue().signum() > 0) {
        buy(in, p.asset(), e.getValue(), p.weight(), cash, orders, dropped, a -> a.account().equals(p.account()), p.account());
      }
    }
    for (AssetId asset : assets) {
      if (delta.get(asset).signum() > 0) {
        buy(in, asset, delta.get(asset), in.targets().getOrDefault(asset, BigDecimal.ZERO), cash, orders, dropped, a -> true, null);
      }
    }
    return new Plan(new Money(total, base), orders, dropped);
  }

  private static String pair(AccountId account, AssetId asset) {
    return account.value() + "\u0000" + asset.value();
  }

  /** How a reason names the target an order works towards: its weight, and the account it is placed in if any. */
  private static String towards(BigDecimal weight, AccountId placedIn) {
    return "towards its target weight " + plain(weight) + (placedIn == null ? "" : " held in " + placedIn + " (the target places it there)");
  }

  private record Candidate(AccountState account, HeldLot lot, BigDecimal gainPerUnit, BigDecimal taxPerUnit) {}

  private void sell(PlannerInputs in, AssetId asset, BigDecimal value, BigDecimal weight, Map<AccountId, BigDecimal> cash,
      List<PlannedOrder> orders, List<Dropped> dropped, java.util.function.Predicate<AccountState> from, AccountId placedIn) {
    AssetId base = in.baseCurrency();
    BigDecimal price = in.prices().get(asset).amount();
    List<Candidate> candidates = new ArrayList<>();
    for (AccountState a : in.accounts()) {
      if (!from.test(a)) {
        continue;
      }
      for (HeldLot lot : a.lots()) {
        if (lot.asset().equals(asset)) {
          BigDecimal gain = price.subtract(lot.cost().amount().divide(lot.quantity(), MC));
          candidates.add(new Candidate(a, lot, gain, tax.taxOn(a.taxKind(), gain)));
        }
      }
    }
    candidates.sort(Comparator.comparing(Candidate::taxPerUnit)
        .thenComparing(c -> c.lot().openedAt())
        .thenComparing(c -> c.account().account().value()));
    BigDecimal remaining = value.divide(price, MC);
    Map<AccountId, List<Candidate>> taken = new LinkedHashMap<>();
    Map<AccountId, List<BigDecimal>> takenQty = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      if (remaining.signum() <= 0) {
        break;
      }
      BigDecimal q = remaining.min(c.lot().quantity());
      taken.computeIfAbsent(c.account().account(), k -> new ArrayList<>()).add(c);
      takenQty.computeIfAbsent(c.account().account(), k -> new ArrayList<>()).add(q);
      remaining = remaining.subtract(q);
    }
    for (Map.Entry<AccountId, List<Candidate>> e : taken.entrySet()) {
      AccountState account = e.getValue().get(0).account();
      VenueRule venue = in.venues().get(account.venue());
      List<BigDecimal> qs = takenQty.get(e.getKey());
      BigDecimal wanted = qs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal quantity = wanted.setScale(venue.quantityScale(), RoundingMode.DOWN);
      BigDecimal orderValue = quantity.multiply(price);
      if (quantity.signum() == 0 || orderValue.compareTo(venue.minimumOrder().amount()) < 0) {
        dropped.add(new Dropped(account.account(), asset, Side.SELL, new Money(wanted.multiply(price), base),
            "sell of " + plain(wanted) + " " + asset + " (value " + plain(wanted.multiply(price)) + " " + base + ") is below venue "
                + venue.venue() + "'s minimum order of " + venue.minimumOrder() + " at quantity scale " + venue.quantityScale()));
        continue;
      }
      // rounding the quantity down to the venue's scale trims the last, costliest lots
      BigDecimal left = quantity;
      List<LotSlice> slices = new ArrayList<>();
      BigDecimal gain = BigDecimal.ZERO;
      BigDecimal taxCost = BigDecimal.ZERO;
      for (int i = 0; i < e.getValue().size() && left.signum() > 0; i++) {
        Candidate c = e.getValue().get(i);
        BigDecimal q = left.min(qs.get(i));
        left = left.subtract(q);
        BigDecimal cost = c.lot().cost().amount().multiply(q).divide(c.lot().quantity(), MC);
        BigDecimal g = q.multiply(price).subtract(cost);
        BigDecimal t = tax.taxOn(account.taxKind(), g);
        gain = gain.add(g);
        taxCost = taxCost.add(t);
        slices.add(new LotSlice(c.lot().openedAt(), Decimals.shortest(q), money(cost, base), money(g, base), money(t, base)));
      }
      BigDecimal fee = orderValue.multiply(venue.feeRate());
      cash.merge(account.account(), orderValue.subtract(fee), BigDecimal::add);
      String reason = "sell " + plain(quantity) + " " + asset + " " + towards(weight, placedIn) + ": in "
          + account.account() + " (" + kind(account) + ", gains taxed at " + plain(tax.rate(account.taxKind())) + ")"
          + (placedIn == null ? " because its lots cost the least tax of those holding " + asset : " taking its least taxed lots first")
          + "; realized gain " + plain(gain) + " " + base
          + ", tax " + plain(taxCost) + " " + base + (taxCost.signum() < 0 ? " (a loss that offsets gains)" : "")
          + "; fee " + plain(fee) + " " + base + " at " + venue.venue();
      orders.add(new PlannedOrder(account.account(), asset, Side.SELL, Decimals.shortest(quantity), new Money(price, base),
          money(orderValue, base), money(fee, base), money(gain, base), money(taxCost, base), slices, reason));
    }
    if (remaining.signum() > 0) {
      dropped.add(new Dropped(placedIn, asset, Side.SELL, money(remaining.multiply(price), base),
          (placedIn == null ? "the accounts hold " : placedIn + " holds ") + plain(remaining) + " " + asset + " less than the target asks to sell"));
    }
  }

  private void buy(PlannerInputs in, AssetId asset, BigDecimal value, BigDecimal weight, Map<AccountId, BigDecimal> cash,
      List<PlannedOrder> orders, List<Dropped> dropped, java.util.function.Predicate<AccountState> into, AccountId placedIn) {
    AssetId base = in.baseCurrency();
    BigDecimal price = in.prices().get(asset).amount();
    List<AccountState> where = new ArrayList<>();
    for (AccountState a : in.accounts()) {
      if (into.test(a) && a.tradable().contains(asset)) {
        where.add(a);
      }
    }
    where.sort(Comparator.<AccountState, BigDecimal>comparing(a -> tax.rate(a.taxKind()))
        .thenComparing(a -> in.venues().get(a.venue()).feeRate())
        .thenComparing(a -> a.account().value()));
    BigDecimal remaining = value;
    List<String> notes = new ArrayList<>();
    for (AccountState a : where) {
      if (remaining.signum() <= 0) {
        break;
      }
      VenueRule venue = in.venues().get(a.venue());
      BigDecimal available = cash.get(a.account()).max(BigDecimal.ZERO);
      BigDecimal affordable = available.divide(BigDecimal.ONE.add(venue.feeRate()), MC);
      BigDecimal want = remaining.min(affordable);
      BigDecimal quantity = want.divide(price, MC).setScale(venue.quantityScale(), RoundingMode.DOWN);
      BigDecimal orderValue = quantity.multiply(price);
      if (quantity.signum() == 0 || orderValue.compareTo(venue.minimumOrder().amount()) < 0) {
        notes.add(a.account() + " could buy only " + plain(orderValue) + " " + base + " (cash " + plain(available) + " " + base
            + "), below venue " + venue.venue() + "'s minimum order of " + venue.minimumOrder() + " at quantity scale "
            + venue.quantityScale());
        continue;
      }
      BigDecimal fee = orderValue.multiply(venue.feeRate());
      cash.put(a.account(), available.subtract(orderValue).subtract(fee));
      boolean cashBound = want.compareTo(remaining) < 0;
      remaining = remaining.subtract(orderValue);
      String reason = "buy " + plain(quantity) + " " + asset + " " + towards(weight, placedIn) + ": in " + a.account()
          + " (" + kind(a) + ", future gains taxed at " + plain(tax.rate(a.taxKind())) + ", fee rate " + plain(venue.feeRate())
          + " at " + venue.venue() + ")" + (placedIn == null ? ", the least taxed and cheapest account that trades " + asset + " with cash" : "")
          + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)) + "; fee " + plain(fee) + " " + base;
      orders.add(new PlannedOrder(a.account(), asset, Side.BUY, Decimals.shortest(quantity), new Money(price, base),
          money(orderValue, base), money(fee, base), Money.zero(base), Money.zero(base), List.of(), reason));
      if (cashBound) {
        notes.add(a.account() + " has cash for only " + plain(orderValue.add(fee)) + " " + base + " with its fee");
      }
    }
    if (remaining.signum() > 0) {
      String why = where.isEmpty() ? (placedIn == null ? "no account trades " : placedIn + " does not trade ") + asset : String.join("; ", notes);
      dropped.add(new Dropped(placedIn, asset, Side.BUY, money(remaining, base),
          "buy of " + plain(remaining) + " " + base + " of " + asset + " not placed: " + why));
    }
  }

  private static String kind(AccountState a) {
    return a.taxKind() == null ? "no tax kind" : a.taxKind().name();
  }

  private static Money money(BigDecimal amount, AssetId currency) {
    return new Money(Decimals.shortest(amount.round(MC)), currency);
  }

  private static String plain(BigDecimal v) {
    return Decimals.shortest(v.round(MC)).toPlainString();
  }
}
