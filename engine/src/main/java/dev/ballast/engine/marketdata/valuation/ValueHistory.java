package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.analytics.series.Valuation;
import dev.ballast.engine.analytics.series.ValuationHistory;
import dev.ballast.engine.ledger.Movement;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.DatedRates;
import dev.ballast.engine.marketdata.MissingRateException;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.ExactSum;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The daily value of a set of ledgers (a portfolio's accounts, or one account) in one currency
 * over a range of days, from each ledger as of the end of each day, the closes as traded that day
 * and FX as of that day, with each day's external flows kept apart (docs/market-data.md#value-history).
 *
 * <p>A flow is a deposit, a withdrawal, or a transfer whose other leg is not in these ledgers on
 * the same UTC day, valued at that day's price; a transfer between two of the ledgers on one day
 * is no flow. Days are UTC days of the transactions' timestamps. A holding that cannot be valued
 * leaves its day incomplete, named, and out of the value: never counted as zero.
 */
public record ValueHistory(AssetId currency, LocalDate from, LocalDate to, List<Day> days) {

  /**
   * Which breakdowns each day carries besides the total: per account, per asset (over all accounts),
   * and the groups of {@link Day#groups()}: per asset class (cash is CASH), per venue (the accounts'
   * provider) and per currency a holding is quoted in (cash its own currency), as the snapshot groups.
   */
  public enum Breakdown {
    ACCOUNT, ASSET, CLASS, VENUE, CURRENCY;

    /** The breakdowns that are groups of {@link Day#groups()}. */
    public static final Set<Breakdown> GROUPS = java.util.Collections.unmodifiableSet(EnumSet.of(CLASS, VENUE, CURRENCY));
  }

  /**
   * One day's value at its end and its external flow (deposit positive, withdrawal negative),
   * which the value already includes (docs/metrics.md#flow-timing).
   *
   * @param stale holdings valued from a price older than their class allows
   * @param missing what could not be valued that day (a holding or a flow), each named
   * @param byAccount value per account when asked, else empty
   * @param byAsset value per asset over all accounts when asked, else empty
   * @param groups per breakdown asked among {@link Breakdown#GROUPS}, the value of each group (a class,
   *     a venue, a currency); a holding that cannot be valued is in no group's value (it is in {@code missing})
   */
  public record Day(LocalDate date, BigDecimal value, BigDecimal flow, int stale, List<String> missing,
      Map<String, BigDecimal> byAccount, Map<AssetId, BigDecimal> byAsset, Map<Breakdown, Map<String, BigDecimal>> groups) {
    public Day {
      missing = List.copyOf(missing);
      byAccount = java.util.Collections.unmodifiableMap(new TreeMap<>(byAccount));
      byAsset = java.util.Collections.unmodifiableMap(new TreeMap<>(byAsset));
      java.util.EnumMap<Breakdown, Map<String, BigDecimal>> g = new java.util.EnumMap<>(Breakdown.class);
      groups.forEach((k, v) -> g.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
      groups = java.util.Collections.unmodifiableMap(g);
    }

    public Day(LocalDate date, BigDecimal value, BigDecimal flow, int stale, List<String> missing, Map<String, BigDecimal> byAccount,
        Map<AssetId, BigDecimal> byAsset) {
      this(date, value, flow, stale, missing, byAccount, byAsset, Map.of());
    }

    /** The value of each group of {@code breakdown} (a class, venue or currency) that day; empty when not asked. */
    public Map<String, BigDecimal> group(Breakdown breakdown) {
      return groups.getOrDefault(breakdown, Map.of());
    }

    /**
     * The weight of each group of {@code breakdown} in the day's value, in percent to 4 decimals (half even), as the
     * snapshot weighs its groups: the allocation of that day. Empty when the day's value is zero.
     */
    public Map<String, BigDecimal> weights(Breakdown breakdown) {
      Map<String, BigDecimal> out = new TreeMap<>();
      if (value.signum() != 0) {
        group(breakdown).forEach((k, v) -> out.put(k, Snapshot.percent(v, value)));
      }
      return out;
    }

    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /** One account's ledger: its transactions in the order recorded, its currency, and its venue (the provider; the account itself when null). */
  public record Ledger(String account, AssetId currency, List<Transaction> transactions, String venue) {
    public Ledger {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(currency, "currency");
      transactions = List.copyOf(transactions);
      venue = venue == null ? account : venue;
    }

    public Ledger(String account, AssetId currency, List<Transaction> transactions) {
      this(account, currency, transactions, null);
    }
  }

  /** The history cannot feed the analytics: a day is incomplete or the values do not form a series. */
  public static final class IncompleteHistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IncompleteHistoryException(String message) {
      super(message);
    }
  }

  public ValueHistory {
    Objects.requireNonNull(currency, "currency");
    days = List.copyOf(days);
  }

  /**
   * The days from {@code first} to {@code last}, both within this history: the same days a history
   * of that range gives, since a day's value, flow and problems do not depend on where the range starts.
   */
  public ValueHistory slice(LocalDate first, LocalDate last) {
    if (first.isBefore(from) || last.isAfter(to) || last.isBefore(first)) {
      throw new IllegalArgumentException(first + " to " + last + " is not within " + from + " to " + to);
    }
    int start = (int) ChronoUnit.DAYS.between(from, first);
    int end = (int) ChronoUnit.DAYS.between(from, last) + 1;
    return new ValueHistory(currency, first, last, days.subList(start, end));
  }

  /** The days that could not be valued whole. */
  public List<Day> incomplete() {
    return days.stream().filter(d -> !d.complete()).toList();
  }

  /**
   * The history as the analytics read it.
   *
   * @throws IncompleteHistoryException naming the first day that is not complete, and what it lacks
   */
  public ValuationHistory valuations() {
    List<Valuation> out = new ArrayList<>(days.size());
    for (Day d : days) {
      if (!d.complete()) {
        throw new IncompleteHistoryException("the value on " + d.date() + " is not complete: " + String.join("; ", d.missing()));
      }
      out.add(new Valuation(d.date(), d.value(), d.flow()));
    }
    try {
      return ValuationHistory.of(out);
    } catch (IllegalArgumentException e) {
      throw new IncompleteHistoryException(e.getMessage());
    }
  }

  /**
   * @param prices closes of assets in their quote currency as traded on their day (see
   *     {@link UnadjustedCloses}), as of a date
   * @param rates FX and crypto rates for converting a quote currency into {@code currency}
   * @param staleAfter how old a price of a class may be before the holding counts as stale
   */
  public static ValueHistory of(List<Ledger> ledgers, Function<AssetId, Optional<Asset>> assets, DatedRates prices, AsOfRates rates,
      AssetId currency, LocalDate from, LocalDate to, Function<AssetClass, Duration> staleAfter, Set<Breakdown> breakdown) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to: " + to + " is before from " + from);
    }
    List<Entry> entries = new ArrayList<>();
    for (Ledger l : ledgers) {
      for (Transaction tx : l.transactions()) {
        entries.add(new Entry(l, tx, tx.timestamp().atZone(ZoneOffset.UTC).toLocalDate()));
      }
    }
    // a stable sort: one account's transactions keep their recorded order within the same instant
    entries.sort(Comparator.comparing((Entry e) -> e.tx().timestamp()));
    Set<String> internal = internalTransfers(entries);
    Map<String, Map<AssetId, Slot>> holdings = new TreeMap<>();
    Set<Breakdown> wanted = breakdown.isEmpty() ? EnumSet.noneOf(Breakdown.class) : EnumSet.copyOf(breakdown);
    Set<Breakdown> groupsWanted = EnumSet.noneOf(Breakdown.class);
    groupsWanted.addAll(wanted);
    groupsWanted.retainAll(Breakdown.GROUPS);
    Map<String, String> venues = new HashMap<>();
    for (Ledger l : ledgers) {
      venues.put(l.account(), l.venue());
    }
    Pricing pricing = new Pricing(assets, prices, rates, currency, staleAfter);
    List<Day> days = new ArrayList<>((int) ChronoUnit.DAYS.between(from, to) + 1);
    int next = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      pricing.epochDay = day.toEpochDay();
      BigDecimal flow = BigDecimal.ZERO;
      List<String> missing = new ArrayList<>();
      while (next < entries.size() && !entries.get(next).date().isAfter(day)) {
        Entry e = entries.get(next++);
        apply(holdings, e, pricing);
        if (e.date().isBefore(from)) {
          continue;  // part of the opening holdings, not a flow of the range
        }
        int sign = flowSign(e.tx(), internal);
        if (sign != 0) {
          Unit unit = pricing.of(e.tx().asset()).unit(day);
          if (unit.problem() != null) {
            missing.add("flow " + e.tx().type() + " " + e.tx().quantity().value().toPlainString() + " " + e.tx().asset()
                + " in " + e.ledger().account() + ": " + unit.problem());
          } else {
            BigDecimal v = e.tx().quantity().value().multiply(unit.inCurrency());
            flow = sign > 0 ? flow.add(v) : flow.subtract(v);
          }
        }
      }
      // units x close summed per quote currency, then times that currency's rate once: exact (BigDecimal
      // sums and products do not round), and one FX product per currency and day instead of one per holding
      int currencies = pricing.fxCount() + 1;
      boolean perAccount = wanted.contains(Breakdown.ACCOUNT);
      boolean perAsset = wanted.contains(Breakdown.ASSET);
      ExactSum[] sums = new ExactSum[currencies];
      for (int c = 0; c < currencies; c++) {
        sums[c] = new ExactSum();
      }
      BigDecimal[] rateOf = new BigDecimal[currencies];
      int stale = 0;
      BigDecimal value = BigDecimal.ZERO;
      Map<String, BigDecimal> byAccount = new TreeMap<>();
      Map<AssetPricer, BigDecimal> assetSums = perAsset ? new HashMap<>() : null;
      Map<Breakdown, Map<String, BigDecimal>> groups = groupsWanted.isEmpty() ? Map.of() : new java.util.EnumMap<>(Breakdown.class);
      for (Breakdown g : groupsWanted) {
        groups.put(g, new TreeMap<>());
      }
      for (Map.Entry<String, Map<AssetId, Slot>> account : holdings.entrySet()) {
        for (Slot h : account.getValue().values()) {
          if (h.units.signum() == 0) {
            continue;
          }
          Unit unit = h.pricer.unit(day);
          if (unit.problem() != null) {
            missing.add(h.units.toPlainString() + " " + h.pricer.asset + " in " + account.getKey() + ": " + unit.problem());
            continue;
          }
          stale += unit.stale() ? 1 : 0;
          int c = unit.currency();
          sums[c].add(h.unscaled, h.scale, unit.unscaled(), unit.scale(), h.units, unit.value());
          rateOf[c] = unit.rate();
          if (perAsset) {
            assetSums.merge(h.pricer, unit.value() == BigDecimal.ONE ? h.units : h.units.multiply(unit.value()), BigDecimal::add);
          }
          if (!groupsWanted.isEmpty()) {
            // exact: the products summed per group add up to the day's value, which sums the same products per currency
            BigDecimal v = h.units.multiply(unit.inCurrency());
            for (Breakdown g : groupsWanted) {
              String key = switch (g) {
                case CLASS -> h.pricer.classKey();
                case VENUE -> venues.get(account.getKey());
                case CURRENCY -> h.pricer.currencyKey();
                default -> throw new IllegalStateException(g + " is not a group");
              };
              groups.get(g).merge(key, v, BigDecimal::add);
            }
          }
        }
        if (perAccount) {
          BigDecimal accountValue = converted(sums, rateOf);
          byAccount.put(account.getKey(), plain(accountValue));
          value = value.add(accountValue);
          for (ExactSum sum : sums) {
            sum.clear();
          }
        }
      }
      if (!perAccount) {
        value = converted(sums, rateOf);
      }
      Map<AssetId, BigDecimal> byAsset = new TreeMap<>();
      if (perAsset) {
        for (Map.Entry<AssetPricer, BigDecimal> sum : assetSums.entrySet()) {
          BigDecimal rate = sum.getKey().unit(day).rate();
          byAsset.put(sum.getKey().asset, plain(rate == null ? sum.getValue() : sum.getValue().multiply(rate)));
        }
      }
      groups.values().forEach(m -> m.replaceAll((k, v) -> plain(v)));
      days.add(new Day(day, plain(value), plain(flow), stale, missing, byAccount, byAsset, groups));
    }
    return new ValueHistory(currency, from, to, days);
  }

  /** The sums per quote currency, each times its rate (null: already in the history's currency), added up. */
  private static BigDecimal converted(ExactSum[] sums, BigDecimal[] rateOf) {
    BigDecimal total = BigDecimal.ZERO;
    for (int c = 0; c < sums.length; c++) {
      if (!sums[c].isEmpty()) {
        BigDecimal sum = sums[c].value();
        total = total.add(rateOf[c] == null ? sum : sum.multiply(rateOf[c]));
      }
    }
    return total;
  }

  /**
   * The value in {@code currency} of one unit of {@code asset} held from {@code from} on, its
   * splits applied on their ex-dates: a benchmark to compare a history with, over the same days.
   */
  public static ValueHistory benchmark(AssetId asset, List<dev.ballast.engine.marketdata.CorporateAction.Split> splits,
      Function<AssetId, Optional<Asset>> assets, DatedRates prices, AsOfRates rates, AssetId currency, LocalDate from, LocalDate to,
      Function<AssetClass, Duration> staleAfter) {
    List<Transaction> txs = new ArrayList<>();
    txs.add(Transaction.builder(TransactionType.DEPOSIT).at(from.atStartOfDay(ZoneOffset.UTC).toInstant()).asset(asset).quantity("1").build());
    splits.stream().filter(s -> s.instrument().base().equals(asset) && s.exDate().isAfter(from) && !s.exDate().isAfter(to))
        .map(dev.ballast.engine.marketdata.CorporateAction.Split::exDate).distinct().sorted()
        .forEach(d -> txs.add(Transaction.builder(TransactionType.SPLIT).at(d.atStartOfDay(ZoneOffset.UTC).toInstant()).asset(asset)
            .splitRatio(splits.stream().filter(s -> s.instrument().base().equals(asset) && s.exDate().equals(d)).findFirst()
                .orElseThrow().ratio().toPlainString()).build()));
    return of(List.of(new Ledger("benchmark", currency, txs)), assets, prices, rates, currency, from, to, staleAfter, Set.of());
  }

  // ---- inside -----------------------------------------------------------------------------

  private record Entry(Ledger ledger, Transaction tx, LocalDate date) {}

  /**
   * What one unit of an asset is worth on the current day, or why not: {@code value} in its quote
   * currency, the number {@code currency} of that currency among the history's FX pricers (0: the
   * history's own currency) and its {@code rate} into the history's currency (null for 0).
   */
  private record Unit(BigDecimal value, int currency, BigDecimal rate, boolean stale, String problem, long unscaled, int scale) {
    Unit(BigDecimal value, int currency, BigDecimal rate, boolean stale, String problem) {
      this(value, currency, rate, stale, problem, value == null ? ExactSum.WIDE : ExactSum.unscaled(value), value == null ? 0 : value.scale());
    }

    static Unit missing(String problem) {
      return new Unit(null, 0, null, false, problem);
    }

    /** The value of one unit in the history's currency. */
    BigDecimal inCurrency() {
      return rate == null ? value : value.multiply(rate);
    }
  }

  /** A holding of one asset in one account, with the pricer of its asset, so a day's valuation looks nothing up. */
  private static final class Slot {
    final AssetPricer pricer;
    BigDecimal units = BigDecimal.ZERO;
    long unscaled;
    int scale;

    Slot(AssetPricer pricer) {
      this.pricer = pricer;
    }

    void set(BigDecimal units) {
      this.units = units;
      this.unscaled = ExactSum.unscaled(units);
      this.scale = units.scale();
    }
  }

  /**
   * Prices and converts. One pricer per asset and one per currency, each remembering the day it
   * last answered, so an asset held in ten accounts is priced once a day; a pricer walks its
   * stored closes forward with the days instead of searching them, when the store lists them.
   */
  private static final class Pricing {
    static final Unit ONE = new Unit(BigDecimal.ONE, 0, null, false, null);
    private final Function<AssetId, Optional<Asset>> assets;
    private final DatedRates prices;
    private final AsOfRates rates;
    private final AssetId currency;
    private final Function<AssetClass, Duration> staleAfter;
    private final Map<AssetId, AssetPricer> pricers = new HashMap<>();
    private final Map<AssetId, FxPricer> fx = new HashMap<>();
    /** The day being valued, as an epoch day: every pricer asked today compares with it. */
    long epochDay;

    Pricing(Function<AssetId, Optional<Asset>> assets, DatedRates prices, AsOfRates rates, AssetId currency,
        Function<AssetClass, Duration> staleAfter) {
      this.assets = assets;
      this.prices = prices;
      this.rates = rates;
      this.currency = currency;
      this.staleAfter = staleAfter;
    }

    AssetPricer of(AssetId asset) {
      AssetPricer p = pricers.get(asset);
      if (p == null) {
        p = new AssetPricer(this, asset);
        pricers.put(asset, p);
      }
      return p;
    }

    FxPricer fx(AssetId from) {
      return fx.computeIfAbsent(from, f -> new FxPricer(f, fx.size() + 1));
    }

    /** How many FX pricers there are; each has a number from 1 to this. */
    int fxCount() {
      return fx.size();
    }

    /** The rate of one currency in the history's currency, as of each day, or the problem as text. */
    private final class FxPricer {
      private final AssetId from;
      final int number;
      private LocalDate day;
      private Object answer;

      FxPricer(AssetId from, int number) {
        this.from = from;
        this.number = number;
      }

      Object rate(LocalDate on) {
        if (!on.equals(day)) {
          day = on;
          try {
            answer = rates.require(from, currency, on).rate();
          } catch (MissingRateException e) {
            answer = e.getMessage();
          }
        }
        return answer;
      }
    }
  }

  /**
   * What one unit of an asset is worth in the history's currency on a day, or why not. The stored
   * closes are copied once into arrays of their days and unscaled digits, so walking the days reads
   * primitives in order instead of chasing a close, its date and its decimal per holding and day.
   */
  private static final class AssetPricer {
    final AssetId asset;
    private final Pricing pricing;
    private final Asset known;
    private final boolean self;
    private final boolean fiat;
    private final long staleSeconds;
    private final Pricing.FxPricer quoteRate;
    private final List<DatedRate> closes;
    private final long[] closeDay;
    private final BigDecimal[] closePrice;
    private final long[] closeUnscaled;
    private final int[] closeScale;
    private int next;
    private int latest = -1;
    private LocalDate day;
    private Unit unit;

    AssetPricer(Pricing pricing, AssetId asset) {
      this.asset = asset;
      this.pricing = pricing;
      this.self = asset.equals(pricing.currency);
      this.fiat = asset.isFiat();
      if (self || fiat) {
        known = null;
        staleSeconds = 0;
        quoteRate = self ? null : pricing.fx(asset);
        closes = null;
        closeDay = null;
        closePrice = null;
        closeUnscaled = null;
        closeScale = null;
        return;
      }
      known = pricing.assets.apply(asset).orElse(null);
      staleSeconds = known == null ? 0 : pricing.staleAfter.apply(known.assetClass()).toSeconds();
      quoteRate = known == null || known.quoteCurrency().equals(pricing.currency) ? null : pricing.fx(known.quoteCurrency());
      closes = known == null ? null : pricing.prices.series(asset, known.quoteCurrency());
      if (closes == null) {
        closeDay = null;
        closePrice = null;
        closeUnscaled = null;
        closeScale = null;
        return;
      }
      closeDay = new long[closes.size()];
      closePrice = new BigDecimal[closes.size()];
      closeUnscaled = new long[closes.size()];
      closeScale = new int[closes.size()];
      for (int i = 0; i < closeDay.length; i++) {
        DatedRate c = closes.get(i);
        closeDay[i] = c.date().toEpochDay();
        closePrice[i] = c.rate();
        closeUnscaled[i] = ExactSum.unscaled(c.rate());
        closeScale[i] = c.rate().scale();
      }
    }

    /** The class this asset is grouped under: CASH for a currency, UNKNOWN for an asset the catalog does not know. */
    String classKey() {
      Asset entry = entry();
      return fiat ? AssetClass.CASH.name() : entry == null ? "UNKNOWN" : entry.assetClass().name();
    }

    /** The catalog's entry, also of the history's own currency when that is an asset (BTC), which {@code known} leaves out. */
    private Asset entry() {
      return known != null || fiat ? known : pricing.assets.apply(asset).orElse(null);
    }

    /** The currency this asset is grouped under: its own for a currency, else the one it is quoted in (UNKNOWN when unknown). */
    String currencyKey() {
      Asset entry = entry();
      return fiat ? asset.value() : entry == null ? "UNKNOWN" : entry.quoteCurrency().value();
    }

    Unit unit(LocalDate on) {
      if (!on.equals(day)) {
        day = on;
        unit = price(on);
      }
      return unit;
    }

    private Unit price(LocalDate on) {
      if (self) {
        return Pricing.ONE;
      }
      if (fiat) {
        Object r = quoteRate.rate(on);
        return r instanceof BigDecimal b ? new Unit(BigDecimal.ONE, quoteRate.number, b, false, null) : Unit.missing((String) r);
      }
      if (known == null) {
        return Unit.missing("unknown asset " + asset);
      }
      AssetId quote = known.quoteCurrency();
      long epochDay = pricing.epochDay;
      int at = close(on, epochDay, quote);
      Optional<DatedRate> searched = at == SEARCHED ? pricing.prices.latest(asset, quote, on) : Optional.empty();
      if (at == NONE || at == SEARCHED && searched.isEmpty()) {
        return Unit.missing("no price of " + asset + " in " + quote + " on or before " + on);
      }
      BigDecimal price;
      long digits;
      int scale;
      long priceDay;
      if (at == SEARCHED) {
        DatedRate c = searched.get();
        price = c.rate();
        digits = ExactSum.unscaled(price);
        scale = price.scale();
        priceDay = c.date().toEpochDay();
      } else {
        price = closePrice[at];
        digits = closeUnscaled[at];
        scale = closeScale[at];
        priceDay = closeDay[at];
      }
      boolean stale = (epochDay - priceDay) * 86_400 > staleSeconds;
      if (quoteRate == null) {
        return new Unit(price, 0, null, stale, null, digits, scale);
      }
      Object r = quoteRate.rate(on);
      if (!(r instanceof BigDecimal rate)) {
        return Unit.missing((String) r);
      }
      return new Unit(price, quoteRate.number, rate, stale, null, digits, scale);
    }

    private static final int NONE = -1;
    private static final int SEARCHED = -2;

    /**
     * The index of the latest close on or before {@code on}, {@link #NONE}, or {@link #SEARCHED} when
     * the store lists no series (ask it per day): the days only move forward, so the walk resumes where it stopped.
     */
    private int close(LocalDate on, long epochDay, AssetId quote) {
      if (closes == null) {
        return SEARCHED;
      }
      if (latest >= 0 && closeDay[latest] > epochDay) {
        next = 0; // asked for an earlier day than before: walk again from the start
        latest = -1;
      }
      while (next < closeDay.length && closeDay[next] <= epochDay) {
        latest = next++;
      }
      return latest;
    }
  }

  private static void apply(Map<String, Map<AssetId, Slot>> holdings, Entry e, Pricing pricing) {
    Movements m;
    try {
      m = Movements.of(e.tx(), e.ledger().currency());
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException("account " + e.ledger().account() + ": transaction " + e.tx().type() + " at "
          + e.tx().timestamp() + " (" + e.tx().source() + "/" + e.tx().externalId() + ") cannot be replayed: " + ex.getMessage(), ex);
    }
    Map<AssetId, Slot> of = holdings.computeIfAbsent(e.ledger().account(), k -> new TreeMap<>());
    for (Movement mv : m.changes()) {
      Slot slot = of.computeIfAbsent(mv.asset(), a -> new Slot(pricing.of(a)));
      slot.set(slot.units.add(mv.units()));
    }
    if (m.split() != null) {
      Slot slot = of.get(m.split().asset());
      if (slot != null) {
        slot.set(slot.units.multiply(m.split().ratio()));
      }
    }
  }


  /** +1 for money coming in from outside, -1 going out, 0 for no flow. */
  private static int flowSign(Transaction tx, Set<String> internal) {
    return switch (tx.type()) {
      case DEPOSIT -> 1;
      case WITHDRAWAL -> -1;
      case TRANSFER_IN -> tx.transferId() != null && internal.contains(tx.transferId()) ? 0 : 1;
      case TRANSFER_OUT -> tx.transferId() != null && internal.contains(tx.transferId()) ? 0 : -1;
      default -> 0;
    };
  }

  /** Transfer ids with an outgoing and an incoming leg among the ledgers on the same UTC day. */
  private static Set<String> internalTransfers(List<Entry> entries) {
    Map<String, LocalDate> out = new HashMap<>();
    Map<String, LocalDate> in = new HashMap<>();
    for (Entry e : entries) {
      String id = e.tx().transferId();
      if (id == null) {
        continue;
      }
      if (e.tx().type() == TransactionType.TRANSFER_OUT) {
        out.put(id, e.date());
      } else if (e.tx().type() == TransactionType.TRANSFER_IN) {
        in.put(id, e.date());
      }
    }
    Set<String> internal = new HashSet<>();
    out.forEach((id, date) -> {
      if (date.equals(in.get(id))) {
        internal.add(id);
      }
    });
    return internal;
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
