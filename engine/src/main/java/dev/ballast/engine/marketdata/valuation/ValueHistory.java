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

  /** Which breakdowns each day carries besides the total. */
  public enum Breakdown { ACCOUNT, ASSET }

  /**
   * One day's value at its end and its external flow (deposit positive, withdrawal negative),
   * which the value already includes (docs/metrics.md#flow-timing).
   *
   * @param stale holdings valued from a price older than their class allows
   * @param missing what could not be valued that day (a holding or a flow), each named
   * @param byAccount value per account when asked, else empty
   * @param byAsset value per asset over all accounts when asked, else empty
   */
  public record Day(LocalDate date, BigDecimal value, BigDecimal flow, int stale, List<String> missing,
      Map<String, BigDecimal> byAccount, Map<AssetId, BigDecimal> byAsset) {
    public Day {
      missing = List.copyOf(missing);
      byAccount = java.util.Collections.unmodifiableMap(new TreeMap<>(byAccount));
      byAsset = java.util.Collections.unmodifiableMap(new TreeMap<>(byAsset));
    }

    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /** One account's ledger: its transactions in the order recorded, and its currency. */
  public record Ledger(String account, AssetId currency, List<Transaction> transactions) {
    public Ledger {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(currency, "currency");
      transactions = List.copyOf(transactions);
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
    Pricing pricing = new Pricing(assets, prices, rates, currency, staleAfter);
    List<Day> days = new ArrayList<>((int) ChronoUnit.DAYS.between(from, to) + 1);
    int next = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
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
            BigDecimal v = e.tx().quantity().value().multiply(unit.value());
            flow = sign > 0 ? flow.add(v) : flow.subtract(v);
          }
        }
      }
      BigDecimal value = BigDecimal.ZERO;
      int stale = 0;
      Map<String, BigDecimal> byAccount = new TreeMap<>();
      Map<AssetId, BigDecimal> byAsset = new TreeMap<>();
      boolean perAsset = wanted.contains(Breakdown.ASSET);
      for (Map.Entry<String, Map<AssetId, Slot>> account : holdings.entrySet()) {
        BigDecimal accountValue = BigDecimal.ZERO;
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
          BigDecimal v = unit == Pricing.ONE ? h.units : h.units.multiply(unit.value());
          accountValue = accountValue.add(v);
          if (perAsset) {
            byAsset.merge(h.pricer.asset, v, BigDecimal::add);
          }
        }
        value = value.add(accountValue);
        if (wanted.contains(Breakdown.ACCOUNT)) {
          byAccount.put(account.getKey(), plain(accountValue));
        }
      }
      byAsset.replaceAll((k, v) -> plain(v));
      days.add(new Day(day, plain(value), plain(flow), stale, missing, byAccount, byAsset));
    }
    return new ValueHistory(currency, from, to, days);
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

  /** What one unit of an asset is worth in the history's currency on the current day, or why not. */
  private record Unit(BigDecimal value, boolean stale, String problem) {}

  /** A holding of one asset in one account, with the pricer of its asset, so a day's valuation looks nothing up. */
  private static final class Slot {
    final AssetPricer pricer;
    BigDecimal units = BigDecimal.ZERO;

    Slot(AssetPricer pricer) {
      this.pricer = pricer;
    }
  }

  /**
   * Prices and converts. One pricer per asset and one per currency, each remembering the day it
   * last answered, so an asset held in ten accounts is priced once a day; a pricer walks its
   * stored closes forward with the days instead of searching them, when the store lists them.
   */
  private static final class Pricing {
    static final Unit ONE = new Unit(BigDecimal.ONE, false, null);
    private final Function<AssetId, Optional<Asset>> assets;
    private final DatedRates prices;
    private final AsOfRates rates;
    private final AssetId currency;
    private final Function<AssetClass, Duration> staleAfter;
    private final Map<AssetId, AssetPricer> pricers = new HashMap<>();
    private final Map<AssetId, FxPricer> fx = new HashMap<>();

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
      return fx.computeIfAbsent(from, FxPricer::new);
    }

    /** The rate of one currency in the history's currency, as of each day, or the problem as text. */
    private final class FxPricer {
      private final AssetId from;
      private LocalDate day;
      private Object answer;

      FxPricer(AssetId from) {
        this.from = from;
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

  /** What one unit of an asset is worth in the history's currency on a day, or why not. */
  private static final class AssetPricer {
    final AssetId asset;
    private final Pricing pricing;
    private final Asset known;
    private final long staleSeconds;
    private final Pricing.FxPricer quoteRate;
    private final List<DatedRate> closes;
    private int next;
    private DatedRate latest;
    private LocalDate day;
    private Unit unit;

    AssetPricer(Pricing pricing, AssetId asset) {
      this.asset = asset;
      this.pricing = pricing;
      if (asset.equals(pricing.currency) || asset.isFiat()) {
        known = null;
        staleSeconds = 0;
        quoteRate = asset.equals(pricing.currency) ? null : pricing.fx(asset);
        closes = null;
        return;
      }
      known = pricing.assets.apply(asset).orElse(null);
      staleSeconds = known == null ? 0 : pricing.staleAfter.apply(known.assetClass()).toSeconds();
      quoteRate = known == null || known.quoteCurrency().equals(pricing.currency) ? null : pricing.fx(known.quoteCurrency());
      closes = known == null ? null : pricing.prices.series(asset, known.quoteCurrency());
    }

    Unit unit(LocalDate on) {
      if (!on.equals(day)) {
        day = on;
        unit = price(on);
      }
      return unit;
    }

    private Unit price(LocalDate on) {
      if (asset.equals(pricing.currency)) {
        return Pricing.ONE;
      }
      if (asset.isFiat()) {
        Object r = quoteRate.rate(on);
        return r instanceof BigDecimal b ? new Unit(b, false, null) : new Unit(null, false, (String) r);
      }
      if (known == null) {
        return new Unit(null, false, "unknown asset " + asset);
      }
      AssetId quote = known.quoteCurrency();
      DatedRate close = close(on, quote);
      if (close == null) {
        return new Unit(null, false, "no price of " + asset + " in " + quote + " on or before " + on);
      }
      boolean stale = (on.toEpochDay() - close.date().toEpochDay()) * 86_400 > staleSeconds;
      if (quoteRate == null) {
        return new Unit(close.rate(), stale, null);
      }
      Object r = quoteRate.rate(on);
      if (!(r instanceof BigDecimal rate)) {
        return new Unit(null, false, (String) r);
      }
      return new Unit(close.rate().multiply(rate), stale, null);
    }

    /** The latest close on or before {@code on}: the days only move forward, so the walk resumes where it stopped. */
    private DatedRate close(LocalDate on, AssetId quote) {
      if (closes == null) {
        return pricing.prices.latest(asset, quote, on).orElse(null);
      }
      if (latest != null && latest.date().isAfter(on)) {
        next = 0; // asked for an earlier day than before: walk again from the start
        latest = null;
      }
      while (next < closes.size() && !closes.get(next).date().isAfter(on)) {
        latest = closes.get(next++);
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
      slot.units = slot.units.add(mv.units());
    }
    if (m.split() != null) {
      Slot slot = of.get(m.split().asset());
      if (slot != null) {
        slot.units = slot.units.multiply(m.split().ratio());
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
