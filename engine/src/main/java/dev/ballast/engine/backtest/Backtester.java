package dev.ballast.engine.backtest;

import dev.ballast.engine.analytics.trades.RoundTrip;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.ExactSum;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.portfolio.TargetAllocation;
import dev.ballast.engine.risk.RiskGate;
import dev.ballast.engine.risk.RiskLimits;
import dev.ballast.engine.risk.RiskRejection;
import dev.ballast.engine.strategy.OrderIntent;
import dev.ballast.engine.regime.Regime;
import dev.ballast.engine.strategy.PlanInputs;
import dev.ballast.engine.strategy.PolicyContext;
import dev.ballast.engine.strategy.PolicyState;
import dev.ballast.engine.strategy.RebalancePlan;
import dev.ballast.engine.strategy.StrategyPolicy;
import dev.ballast.engine.strategy.TradeRule;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a {@link StrategyPolicy} over daily bars on a {@link BacktestClock}: at each scheduled bar's
 * close the policy decides from {@link PlanInputs} built of that bar and earlier only, the same
 * {@link RiskGate} screens the intents, and the simulated fills happen at the next bar's open (or,
 * optimistically, at the same close) with the configured fees, slippage, lot steps and minimum
 * sizes. Every price is read through the clock's day, so a decision cannot see a later bar.
 * Cash and quantities are exact BigDecimals; quantities are floored to their lot step, and the fill
 * price and fee follow the simulated venue's {@link dev.ballast.engine.execution.FillRules}.
 */
public final class Backtester {
  /** The one simulated account every holding is in. */
  public static final AccountId ACCOUNT = AccountId.of("backtest");

  private final StrategyPolicy policy;
  private final BacktestConfig config;
  private final BarSource bars;

  public Backtester(StrategyPolicy policy, BacktestConfig config, BarSource bars) {
    this.policy = policy;
    this.config = config;
    this.bars = bars;
  }

  /** A backtest of the policy the config names, found by the name live decisions are journaled under. */
  public static Backtester of(BacktestConfig config, BarSource bars) {
    StrategyPolicy p = StrategyPolicy.byName(config.policy())
        .orElseThrow(() -> new IllegalArgumentException("backtest, field strategy: no policy named " + config.policy()));
    return new Backtester(p, config, bars);
  }

  private record Pending(OrderIntent intent, LocalDate decided) {}

  private record Lot(BigDecimal quantity, BigDecimal cost, LocalDate opened) {}

  /** Told after each day of a run: how many of its days are done, of how many, and which day was last. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (done, total, day) -> {};

    void walked(int done, int total, LocalDate day);
  }

  public BacktestResult run() {
    return run(Progress.NONE);
  }

  /** Runs the backtest, telling {@code progress} after each day (in the running thread). */
  public BacktestResult run(Progress progress) {
    List<LocalDate> days = bars.dates().stream().filter(d -> !d.isBefore(config.from()) && !d.isAfter(config.to())).toList();
    if (days.isEmpty()) {
      throw new IllegalArgumentException("backtest: no bars from " + config.from() + " to " + config.to());
    }
    AssetId cur = config.currency();
    Map<AssetId, TradeRule> rules = new HashMap<>();
    config.rebalance().rules().forEach(r -> rules.put(r.asset(), r));
    for (TradeRule r : rules.values()) {
      if (!r.instrument().quote().equals(cur)) {
        throw new IllegalArgumentException("backtest: " + r.asset() + " trades on " + r.instrument() + ", not in " + cur);
      }
    }
    BacktestClock clock = new BacktestClock(days.get(0));
    TreeMap<AssetId, BigDecimal> held = new TreeMap<>();
    held.put(cur, config.initial().amount());
    // the bars by index into the source's assets: each day reads every asset's bar without a look-up
    List<AssetId> assetList = bars.assets();
    int assetCount = assetList.size();
    Map<AssetId, Integer> indexOf = new HashMap<>(assetCount * 2);
    for (int a = 0; a < assetCount; a++) {
      indexOf.put(assetList.get(a), a);
    }
    Bar[] lastBar = new Bar[assetCount];
    Bar[] today = new Bar[assetCount];
    int firstDay = java.util.Collections.binarySearch(bars.dates(), days.get(0));
    Map<AssetId, Deque<Lot>> lots = new HashMap<>();
    List<BacktestResult.ValuePoint> values = new ArrayList<>();
    List<BacktestResult.Decision> decisions = new ArrayList<>();
    List<BacktestResult.FillRecord> fills = new ArrayList<>();
    List<BacktestResult.Unfilled> unfilled = new ArrayList<>();
    List<RoundTrip> trips = new ArrayList<>();
    List<Pending> pending = new ArrayList<>();
    BigDecimal[] traded = {BigDecimal.ZERO};
    BigDecimal[] fees = {BigDecimal.ZERO};
    LocalDate previous = null;
    PolicyHistory history = PolicyHistory.of(config.policy(), config.policySettings(), rules.keySet());
    warmUp(history, days.get(0));
    boolean readsHistory = history.readsAny();
    PolicyState state = PolicyState.NONE;
    Map<AssetId, LocalDate[]> listed = new HashMap<>();
    for (AssetId a : bars.assets()) {
      bars.listed(a).ifPresent(range -> listed.put(a, range));
    }
    // the assets by their last bar: each day checks only those whose last bar has just passed
    List<Map.Entry<LocalDate, AssetId>> byLastBar = new ArrayList<>();
    listed.forEach((a, range) -> byLastBar.add(Map.entry(range[1], a)));
    byLastBar.sort(Map.Entry.comparingByKey());
    int nextLast = 0;
    while (nextLast < byLastBar.size() && byLastBar.get(nextLast).getKey().isBefore(days.get(0).minusDays(1))) {
      nextLast++;
    }
    boolean universeChanges = listed.values().stream().anyMatch(r -> r[0].isAfter(days.get(0)) || r[1].isBefore(days.get(days.size() - 1)));
    List<dev.ballast.engine.marketdata.CorporateAction> actions = bars.actions();
    int nextAction = 0;
    while (nextAction < actions.size() && actions.get(nextAction).exDate().isBefore(days.get(0))) {
      nextAction++;
    }
    List<BacktestResult.Applied> applied = new ArrayList<>();
    for (int dayNo = 0; dayNo < days.size(); dayNo++) {
      LocalDate day = days.get(dayNo);
      clock.advanceTo(day);
      // before the open: what the ex-date does to the holdings of the evening before, then the holdings of assets gone
      while (nextAction < actions.size() && !actions.get(nextAction).exDate().isAfter(day)) {
        dev.ballast.engine.marketdata.CorporateAction action = actions.get(nextAction++);
        apply(action, day, held, lots, applied);
        if (action instanceof dev.ballast.engine.marketdata.CorporateAction.Split split && !pending.isEmpty()) {
          pending = splitPending(pending, split, day, applied);
        }
      }
      while (nextLast < byLastBar.size() && byLastBar.get(nextLast).getKey().isBefore(day)) {
        Map.Entry<LocalDate, AssetId> gone = byLastBar.get(nextLast++);
        if (!gone.getValue().equals(cur) && held.containsKey(gone.getValue())) {
          delist(gone.getValue(), gone.getKey(), day, held, lastBar[indexOf.get(gone.getValue())], lots, trips, applied);
        }
      }
      int dayIndex = read(clock, firstDay + dayNo, day);
      for (int a = 0; a < assetCount; a++) {
        Bar b = bars.barAt(a, dayIndex);
        today[a] = b;
        if (b != null) {
          lastBar[a] = b;
          if (readsHistory) {
            history.walked(b);
          }
        }
      }
      for (Pending p : pending) {
        Bar b = on(today, indexOf, p.intent().instrument().base());
        if (b == null) {
          unfilled.add(new BacktestResult.Unfilled(p.intent().intentId(), day, p.intent().instrument().base(), "no bar on " + day));
        } else {
          fill(p.intent(), b, b.open(), held, rules, lots, fills, unfilled, trips, traded, fees);
        }
      }
      pending = new ArrayList<>();
      boolean decide = previous == null || config.schedule() == BacktestConfig.Schedule.DAILY
          || previous.getMonthValue() != day.getMonthValue() || previous.getYear() != day.getYear();
      if (decide) {
        String id = "bt-" + day;
        java.time.Instant decidedAt = decisionTime(day);
        Map<AssetId, Bar> lastBars = byAsset(lastBar, assetList);
        PlanInputs inputs = inputs(clock, held, lastBars, universeChanges ? targetsOn(day, listed) : config.targets()).withPolicy(new PolicyContext(decidedAt, config.policySettings(), state,
            history.upTo(day), regimeOn(day)));
        RebalancePlan plan = policy.decide(id, inputs);
        // as the live entity does: a policy that keeps no state leaves the previous one
        state = plan.nextState() == null ? state : plan.nextState();
        RiskGate.Screened screened = RiskGate.screen(plan.intents(), riskContext(clock, held, lastBars));
        decisions.add(new BacktestResult.Decision(id, day, decidedAt, inputs, plan, screened.passed(), screened.rejected()));
        for (OrderIntent i : screened.passed()) {
          if (config.fillTiming() == BacktestConfig.FillTiming.SAME_CLOSE) {
            Bar b = on(today, indexOf, i.instrument().base());
            if (b == null) {
              unfilled.add(new BacktestResult.Unfilled(i.intentId(), day, i.instrument().base(), "no bar on " + day));
            } else {
              fill(i, b, b.close(), held, rules, lots, fills, unfilled, trips, traded, fees);
            }
          } else {
            pending.add(new Pending(i, day));
          }
        }
      }
      values.add(new BacktestResult.ValuePoint(day, value(held, lastBar, indexOf, cur)));
      previous = day;
      progress.walked(values.size(), days.size(), day);
    }
    for (Pending p : pending) {
      unfilled.add(new BacktestResult.Unfilled(p.intent().intentId(), p.decided(), p.intent().instrument().base(),
          "decided on the last bar: no next bar to fill at"));
    }
    BacktestMetrics metrics = BacktestMetrics.of(values, traded[0], fees[0], fills.size(), trips);
    List<BacktestResult.Benchmark> benchmarks = new ArrayList<>();
    benchmarks.add(Benchmarks.targetWeights(config, bars, days));
    return new BacktestResult(config, days.get(0), days.get(days.size() - 1),
        config.fillTiming() == BacktestConfig.FillTiming.SAME_CLOSE, values, decisions, fills, unfilled, metrics, benchmarks, applied);
  }

  /**
   * The time a decision on {@code day}'s close is stamped with: the start of the next day, when the
   * close is final. The live policies take the day before their decision's time as the last closed
   * day, so they read closes up to {@code day} and no later.
   */
  static java.time.Instant decisionTime(LocalDate day) {
    return day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }

  private Regime regimeOn(LocalDate day) {
    Map.Entry<LocalDate, Regime> e = config.regimes().floorEntry(day);
    return e == null ? null : e.getValue();
  }

  /** The index of {@code day} in the source's calendar, the day whose bars are read: never one after the clock's day. */
  private int read(BacktestClock clock, int dayIndex, LocalDate day) {
    if (day.isAfter(clock.today()) || !bars.dates().get(dayIndex).equals(day)) {
      throw new IllegalStateException("look-ahead: read of the bars of " + bars.dates().get(dayIndex) + " for " + day + " at " + clock.today());
    }
    return dayIndex;
  }

  /** The bar of {@code asset} in a day's bars by index, or null (no bar, or an asset the source does not have). */
  private static Bar on(Bar[] day, Map<AssetId, Integer> indexOf, AssetId asset) {
    Integer i = indexOf.get(asset);
    return i == null ? null : day[i];
  }

  /** The latest bars by asset, for a decision's inputs and the risk gate. */
  private static Map<AssetId, Bar> byAsset(Bar[] last, List<AssetId> assets) {
    Map<AssetId, Bar> out = new HashMap<>(assets.size() * 2);
    for (int a = 0; a < last.length; a++) {
      if (last[a] != null) {
        out.put(assets.get(a), last[a]);
      }
    }
    return out;
  }

  /** The closes before the run's first day a policy's window reaches back to, as the live gatherer would have them. */
  private void warmUp(PolicyHistory history, LocalDate first) {
    if (!history.readsAny()) {
      return;
    }
    LocalDate from = first.minusDays(history.days());
    for (LocalDate d : bars.dates()) {
      if (!d.isBefore(first)) {
        break;
      }
      if (!d.isBefore(from)) {
        for (AssetId a : bars.assets()) {
          if (history.reads(a)) {
            bars.bar(a, d).ifPresent(history::walked);
          }
        }
      }
    }
  }

  /**
   * The targets among the assets that trade on {@code day} (no survivorship: an asset before its
   * first bar or after its last is not in the universe); the weights of those left are scaled to
   * 100, exactly, the rounding to the largest. The config's own targets when every asset trades.
   */
  TargetAllocation targetsOn(LocalDate day, Map<AssetId, LocalDate[]> listed) {
    TargetAllocation t = config.targets();
    if (t.kind() != TargetAllocation.Kind.ASSET) {
      return t;
    }
    List<TargetAllocation.Target> kept = new ArrayList<>();
    for (TargetAllocation.Target target : t.targets()) {
      LocalDate[] range = listed.get(AssetId.of(target.key()));
      if (range == null || (!day.isBefore(range[0]) && !day.isAfter(range[1]))) {
        kept.add(target);
      }
    }
    if (kept.size() == t.targets().size() || kept.isEmpty()) {
      return kept.isEmpty() ? new TargetAllocation(t.kind(), List.of(), t.groups()) : t;
    }
    BigDecimal sum = kept.stream().map(TargetAllocation.Target::weightPercent).reduce(BigDecimal.ZERO, BigDecimal::add);
    if (sum.signum() == 0) {
      return new TargetAllocation(t.kind(), List.of(), t.groups());
    }
    int largest = 0;
    for (int i = 1; i < kept.size(); i++) {
      if (kept.get(i).weightPercent().compareTo(kept.get(largest).weightPercent()) > 0) {
        largest = i;
      }
    }
    List<TargetAllocation.Target> scaled = new ArrayList<>();
    BigDecimal given = BigDecimal.ZERO;
    for (int i = 0; i < kept.size(); i++) {
      BigDecimal w = kept.get(i).weightPercent().multiply(TargetAllocation.HUNDRED).divide(sum, 8, java.math.RoundingMode.HALF_EVEN);
      scaled.add(new TargetAllocation.Target(kept.get(i).key(), w));
      given = i == largest ? given : given.add(w);
    }
    scaled.set(largest, new TargetAllocation.Target(kept.get(largest).key(), TargetAllocation.HUNDRED.subtract(given)));
    return new TargetAllocation(t.kind(), scaled, t.groups());
  }

  /** A split multiplies the units held (their cost stays); a dividend pays the units held the evening before in cash. */
  private void apply(dev.ballast.engine.marketdata.CorporateAction action, LocalDate day, Map<AssetId, BigDecimal> held,
      Map<AssetId, Deque<Lot>> lots, List<BacktestResult.Applied> applied) {
    AssetId asset = action.instrument().base();
    BigDecimal units = held.get(asset);
    if (units == null || units.signum() == 0) {
      return;
    }
    if (action instanceof dev.ballast.engine.marketdata.CorporateAction.Split split) {
      BigDecimal ratio = split.ratio();
      BigDecimal after = units.multiply(ratio).stripTrailingZeros();
      held.put(asset, after);
      Deque<Lot> open = lots.get(asset);
      if (open != null) {
        Deque<Lot> scaled = new ArrayDeque<>();
        open.forEach(l -> scaled.add(new Lot(l.quantity().multiply(ratio), l.cost(), l.opened())));
        lots.put(asset, scaled);
      }
      applied.add(new BacktestResult.Applied(day, asset, "split", after, BigDecimal.ZERO,
          split.numerator().toPlainString() + ":" + split.denominator().toPlainString() + " ex " + split.exDate()));
    } else if (action instanceof dev.ballast.engine.marketdata.CorporateAction.Dividend dividend) {
      if (!dividend.perUnit().currency().equals(config.currency())) {
        applied.add(new BacktestResult.Applied(day, asset, "dividend", units, BigDecimal.ZERO,
            "not paid: " + dividend.perUnit() + " per unit is not in " + config.currency() + " (no FX in a backtest)"));
        return;
      }
      BigDecimal cash = units.multiply(dividend.perUnit().value());
      held.merge(config.currency(), cash, BigDecimal::add);
      applied.add(new BacktestResult.Applied(day, asset, "dividend", units, cash,
          dividend.perUnit().value().toPlainString() + " per unit ex " + dividend.exDate()));
    }
  }

  /**
   * Orders decided before an ex-date and filling on or after it were sized in pre-split units: each
   * of the split asset is restated in post-split units (quantity times the ratio, reference price
   * divided by it, the value unchanged), so the order buys or sells the same value it was decided for.
   */
  private List<Pending> splitPending(List<Pending> pending, dev.ballast.engine.marketdata.CorporateAction.Split split, LocalDate day,
      List<BacktestResult.Applied> applied) {
    AssetId asset = split.instrument().base();
    List<Pending> out = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      OrderIntent i = p.intent();
      if (!i.instrument().base().equals(asset)) {
        out.add(p);
        continue;
      }
      BigDecimal qty = i.quantity().value().multiply(split.numerator()).divide(split.denominator(), MathContext.DECIMAL128);
      BigDecimal ref = i.referencePrice().value().multiply(split.denominator()).divide(split.numerator(), MathContext.DECIMAL128);
      OrderIntent scaled = new OrderIntent(i.intentId(), i.account(), i.instrument(), i.side(), new dev.ballast.engine.model.Quantity(qty),
          new Price(ref, i.referencePrice().currency()), i.estimatedValue());
      out.add(new Pending(scaled, p.decided()));
      applied.add(new BacktestResult.Applied(day, asset, "order-split", scaled.quantity().value(), BigDecimal.ZERO,
          i.intentId() + " " + i.side() + " " + i.quantity().value().toPlainString() + " decided " + p.decided() + " restated as "
              + scaled.quantity().value().toPlainString() + " at the " + split.numerator().toPlainString() + ":"
              + split.denominator().toPlainString() + " split ex " + split.exDate()));
    }
    return out;
  }

  /** An asset past its last bar leaves the universe: its units are paid out at that bar's close, without a fee. */
  private void delist(AssetId asset, LocalDate lastDay, LocalDate day, Map<AssetId, BigDecimal> held, Bar lastBar,
      Map<AssetId, Deque<Lot>> lots, List<RoundTrip> trips, List<BacktestResult.Applied> applied) {
    BigDecimal units = held.remove(asset);
    BigDecimal close = lastBar.close();
    BigDecimal cash = units.multiply(close);
    held.merge(config.currency(), cash, BigDecimal::add);
    closeLots(asset, units, cash, day, lots.getOrDefault(asset, new ArrayDeque<>()), trips);
    applied.add(new BacktestResult.Applied(day, asset, "delisted", BigDecimal.ZERO, cash,
        "last bar " + lastDay + ": " + units.toPlainString() + " paid out at its close " + close.toPlainString()));
  }

  private PlanInputs inputs(BacktestClock clock, Map<AssetId, BigDecimal> held, Map<AssetId, Bar> lastBar, TargetAllocation targets) {
    List<PlanInputs.Holding> holdings = new ArrayList<>();
    held.forEach((a, q) -> holdings.add(new PlanInputs.Holding(ACCOUNT, a, q)));
    List<PlanInputs.PricePoint> prices = new ArrayList<>();
    for (Bar b : lastBar.values()) {
      prices.add(new PlanInputs.PricePoint(new InstrumentId(b.asset(), config.currency()), new Price(b.close(), config.currency()),
          b.date().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusMillis(1)));
    }
    prices.sort(java.util.Comparator.comparing(PlanInputs.PricePoint::instrument));
    return new PlanInputs(config.currency(), holdings, prices, List.of(), targets, config.rebalance());
  }

  private RiskGate.Context riskContext(BacktestClock clock, Map<AssetId, BigDecimal> held, Map<AssetId, Bar> lastBar) {
    AssetId cur = config.currency();
    RiskLimits limits = config.limits() != null ? config.limits()
        : new RiskLimits(new Money(new BigDecimal("1e30"), cur), new Money(new BigDecimal("1e30"), cur), new BigDecimal("9999"),
            Duration.ofDays(36_500), null);
    Map<AccountId, Map<AssetId, BigDecimal>> available = Map.of(ACCOUNT, Map.copyOf(held));
    return new RiskGate.Context(false, available, (account, instrument) -> limits.allowedInstruments() == null
        ? config.rebalance().rules().stream().anyMatch(r -> r.instrument().equals(instrument))
        : limits.allowedInstruments().contains(instrument),
        instrument -> Optional.ofNullable(lastBar.get(instrument.base())).map(b -> new Quote(instrument, null, null,
            new Price(b.close(), cur), b.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())),
        Map.of(), BigDecimal.ZERO, limits, config.rebalance().feeEstimateBps(), clock.now());
  }

  private void fill(OrderIntent intent, Bar bar, BigDecimal reference, Map<AssetId, BigDecimal> held, Map<AssetId, TradeRule> rules,
      Map<AssetId, Deque<Lot>> lots, List<BacktestResult.FillRecord> fills, List<BacktestResult.Unfilled> unfilled,
      List<RoundTrip> trips, BigDecimal[] traded, BigDecimal[] fees) {
    AssetId asset = intent.instrument().base();
    AssetId cur = config.currency();
    TradeRule rule = rules.get(asset);
    BigDecimal step = rule == null ? TradeRule.DEFAULT_STEP : rule.lotStep();
    BigDecimal min = rule == null ? BigDecimal.ZERO : rule.minQuantity();
    Side side = intent.side();
    BigDecimal price = config.slippage().fillPrice(side, reference, bar);
    BigDecimal qty = floor(intent.quantity().value(), step);
    BigDecimal cash = held.getOrDefault(cur, BigDecimal.ZERO);
    FeeModel fm = config.fees();
    if (side == Side.SELL) {
      qty = qty.min(held.getOrDefault(asset, BigDecimal.ZERO));
    } else if (price.multiply(qty).add(fm.fee(price.multiply(qty))).compareTo(cash) > 0) {
      // the open is not the close it was planned at: buy what the cash pays for, fee included
      BigDecimal affordable = cash.subtract(fm.fixed()).max(BigDecimal.ZERO)
          .divide(price.multiply(BigDecimal.ONE.add(fm.rate())), MathContext.DECIMAL128);
      qty = floor(affordable, step);
      // the fee is rounded half up: a step less when that cent fraction tips it over
      while (qty.signum() > 0 && price.multiply(qty).add(fm.fee(price.multiply(qty))).compareTo(cash) > 0) {
        qty = qty.subtract(step).max(BigDecimal.ZERO);
      }
      unfilled.add(new BacktestResult.Unfilled(intent.intentId(), bar.date(), asset,
          "cash pays for " + qty.toPlainString() + " of " + intent.quantity().value().toPlainString() + " at " + price.toPlainString()));
    }
    if (qty.signum() <= 0 || qty.compareTo(min) < 0) {
      unfilled.add(new BacktestResult.Unfilled(intent.intentId(), bar.date(), asset,
          "quantity " + qty.toPlainString() + " is below the minimum " + min.toPlainString() + " or zero after the lot step " + step.toPlainString()));
      return;
    }
    BigDecimal notional = price.multiply(qty);
    BigDecimal fee = fm.fee(notional);
    if (side == Side.BUY) {
      held.put(cur, cash.subtract(notional).subtract(fee));
      held.merge(asset, qty, BigDecimal::add);
      lots.computeIfAbsent(asset, a -> new ArrayDeque<>()).add(new Lot(qty, notional.add(fee), bar.date()));
    } else {
      BigDecimal proceeds = notional.subtract(fee);
      held.put(cur, cash.add(proceeds));
      BigDecimal left = held.get(asset).subtract(qty);
      if (left.signum() == 0) {
        held.remove(asset);
      } else {
        held.put(asset, left);
      }
      closeLots(asset, qty, proceeds, bar.date(), lots.getOrDefault(asset, new ArrayDeque<>()), trips);
    }
    traded[0] = traded[0].add(notional);
    fees[0] = fees[0].add(fee);
    fills.add(new BacktestResult.FillRecord(intent.intentId(), bar.date(), asset, side, qty, price, notional, fee));
  }

  /** FIFO: each lot the sell reaches is one closed trade, its share of the proceeds against its cost. */
  private void closeLots(AssetId asset, BigDecimal qty, BigDecimal proceeds, LocalDate date, Deque<Lot> open, List<RoundTrip> trips) {
    BigDecimal remaining = qty;
    while (remaining.signum() > 0 && !open.isEmpty()) {
      Lot lot = open.peekFirst();
      BigDecimal take = lot.quantity().min(remaining);
      BigDecimal cost = lot.cost().multiply(take).divide(lot.quantity(), MathContext.DECIMAL128);
      BigDecimal got = proceeds.multiply(take).divide(qty, MathContext.DECIMAL128);
      trips.add(new RoundTrip(asset + "/" + config.currency(), config.currency().value(),
          lot.opened().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
          got.subtract(cost)));
      open.pollFirst();
      if (take.compareTo(lot.quantity()) < 0) {
        open.addFirst(new Lot(lot.quantity().subtract(take), lot.cost().subtract(cost), lot.opened()));
      }
      remaining = remaining.subtract(take);
    }
  }

  static BigDecimal floor(BigDecimal q, BigDecimal step) {
    if (q.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return q.divideToIntegralValue(step).multiply(step).stripTrailingZeros();
  }

  /** {@link #value(Map, Map, AssetId)} with the last bars by index into the source's assets. */
  private static BigDecimal value(Map<AssetId, BigDecimal> held, Bar[] lastBar, Map<AssetId, Integer> indexOf, AssetId cur) {
    BigDecimal cash = BigDecimal.ZERO;
    ExactSum sum = new ExactSum();
    for (Map.Entry<AssetId, BigDecimal> e : held.entrySet()) {
      if (e.getKey().equals(cur)) {
        cash = cash.add(e.getValue());
      } else {
        sum.addProduct(e.getValue(), lastBar[indexOf.get(e.getKey())].close());
      }
    }
    BigDecimal plain = sum.plus(cash).stripTrailingZeros();
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  static BigDecimal value(Map<AssetId, BigDecimal> held, Map<AssetId, Bar> lastBar, AssetId cur) {
    BigDecimal v = BigDecimal.ZERO;
    for (Map.Entry<AssetId, BigDecimal> e : held.entrySet()) {
      if (e.getKey().equals(cur)) {
        v = v.add(e.getValue());
      } else {
        // a delisted or missing asset is valued at its last close
        v = v.add(e.getValue().multiply(lastBar.get(e.getKey()).close()));
      }
    }
    // exact, without the zeros the fees' eight decimals leave (1120, not 1120.00000000)
    BigDecimal plain = v.stripTrailingZeros();
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  static TargetAllocation oneAsset(AssetId asset) {
    return new TargetAllocation(TargetAllocation.Kind.ASSET, List.of(new TargetAllocation.Target(asset.value(), BigDecimal.valueOf(100))),
        Map.of());
  }
}
