package dev.ballast.engine.planner;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one multi-account plan is computed from: target weights, each account's cash, lots,
 * tax kind, venue and tradable assets, the venues' rules and the prices, all in the base currency.
 *
 * @param targets weights held in whichever account the planner chooses
 * @param placed weights held in one named account (asset location): traded there and nowhere else
 */
public record PlannerInputs(
    AssetId baseCurrency, Map<AssetId, BigDecimal> targets, List<AccountState> accounts, Map<String, VenueRule> venues,
    Map<AssetId, Money> prices,
    // left out when empty: a plan journaled before placed targets writes back as it was stored
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<Placed> placed) {

  /** Inputs whose targets are all held in any account. */
  public PlannerInputs(AssetId baseCurrency, Map<AssetId, BigDecimal> targets, List<AccountState> accounts, Map<String, VenueRule> venues,
      Map<AssetId, Money> prices) {
    this(baseCurrency, targets, accounts, venues, prices, List.of());
  }

  /** A weight of an asset to be held in one account. */
  public record Placed(AccountId account, AssetId asset, BigDecimal weight) {
    public Placed {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(asset, "asset");
      weight = Decimals.shortest(Objects.requireNonNull(weight, "weight"));
    }
  }

  public PlannerInputs {
    Objects.requireNonNull(baseCurrency, "baseCurrency");
    placed = placed == null ? List.of() : List.copyOf(placed);
    targets = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Objects.requireNonNull(targets, "targets")));
    accounts = List.copyOf(Objects.requireNonNull(accounts, "accounts"));
    venues = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Objects.requireNonNull(venues, "venues")));
    prices = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Objects.requireNonNull(prices, "prices")));
    BigDecimal sum = BigDecimal.ZERO;
    for (Map.Entry<AssetId, BigDecimal> t : targets.entrySet()) {
      if (t.getValue().signum() < 0) {
        throw new IllegalArgumentException("targets." + t.getKey() + ": weight must not be negative, got " + t.getValue());
      }
      sum = sum.add(t.getValue());
    }
    java.util.Set<String> pairs = new java.util.HashSet<>();
    java.util.Set<AccountId> ids = new java.util.HashSet<>();
    accounts.forEach(a -> ids.add(a.account()));
    for (Placed p : placed) {
      String field = "placed." + p.asset() + "@" + p.account();
      if (p.weight().signum() < 0) {
        throw new IllegalArgumentException(field + ": weight must not be negative, got " + p.weight());
      }
      if (!pairs.add(p.account() + "\u0000" + p.asset())) {
        throw new IllegalArgumentException(field + ": appears twice");
      }
      if (!ids.contains(p.account())) {
        throw new IllegalArgumentException(field + ": no account " + p.account() + " among the accounts");
      }
      if (!prices.containsKey(p.asset())) {
        throw new IllegalArgumentException("prices." + p.asset() + ": missing, it has a target in " + p.account());
      }
      sum = sum.add(p.weight());
    }
    if (sum.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("targets: weights sum to " + sum.toPlainString() + ", more than 1");
    }
    for (Map.Entry<AssetId, Money> p : prices.entrySet()) {
      if (!p.getValue().currency().equals(baseCurrency)) {
        throw new IllegalArgumentException("prices." + p.getKey() + ": in " + p.getValue().currency() + ", not the base " + baseCurrency);
      }
      if (p.getValue().signum() <= 0) {
        throw new IllegalArgumentException("prices." + p.getKey() + ": must be positive, got " + p.getValue());
      }
    }
    for (AccountState a : accounts) {
      if (!venues.containsKey(a.venue())) {
        throw new IllegalArgumentException("accounts." + a.account() + ".venue: no rule for venue " + a.venue());
      }
      if (!a.cash().currency().equals(baseCurrency)) {
        throw new IllegalArgumentException("accounts." + a.account() + ".cash: in " + a.cash().currency() + ", not the base " + baseCurrency);
      }
      for (HeldLot lot : a.lots()) {
        if (!lot.cost().currency().equals(baseCurrency)) {
          throw new IllegalArgumentException("accounts." + a.account() + ".lots." + lot.asset() + ": cost in " + lot.cost().currency()
              + ", not the base " + baseCurrency);
        }
        if (!prices.containsKey(lot.asset())) {
          throw new IllegalArgumentException("prices." + lot.asset() + ": missing, held in " + a.account());
        }
      }
    }
    for (AssetId asset : targets.keySet()) {
      if (!prices.containsKey(asset)) {
        throw new IllegalArgumentException("prices." + asset + ": missing, it has a target");
      }
    }
  }

  /** One account as the planner sees it; {@code tradable} are the assets its venue can buy there. */
  public record AccountState(AccountId account, TaxWrapper taxKind, String venue, Money cash, List<HeldLot> lots, Set<AssetId> tradable) {
    public AccountState {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(venue, "venue");
      Objects.requireNonNull(cash, "cash");
      lots = List.copyOf(Objects.requireNonNull(lots, "lots"));
      // sorted: the inputs are journaled with a decision, and a journal should not depend on hash order
      tradable = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(Objects.requireNonNull(tradable, "tradable")));
    }
  }

  /** An open long lot: units of one asset bought at {@code openedAt} for {@code cost} (fees included). */
  public record HeldLot(AssetId asset, Instant openedAt, BigDecimal quantity, Money cost) {
    public HeldLot {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(openedAt, "openedAt");
      quantity = Decimals.shortest(Objects.requireNonNull(quantity, "quantity"));
      Objects.requireNonNull(cost, "cost");
      if (quantity.signum() <= 0) {
        throw new IllegalArgumentException("lot of " + asset + " opened " + openedAt + ": quantity must be positive, got " + quantity);
      }
    }
  }
}
