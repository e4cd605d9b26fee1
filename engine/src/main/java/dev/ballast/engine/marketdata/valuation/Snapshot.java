package dev.ballast.engine.marketdata.valuation;

import dev.ballast.engine.marketdata.AsOfRates;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.DatedRates;
import dev.ballast.engine.marketdata.MissingRateException;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a set of holdings is worth on a date in one currency (JPY, USD, EUR, BTC): per line, per
 * asset class and per account, with the total of what could be valued. A line whose price or FX
 * rate is missing is flagged and left out of the total, never counted as zero; a price older
 * than its class allows is flagged stale and still counted.
 */
public record Snapshot(LocalDate date, AssetId currency, List<SnapshotLine> lines, BigDecimal total, Map<String, Group> byClass,
    Map<String, Group> byAccount, int stale, int missing) {

  /** The value and weight of a group of lines (a class, an account); {@code missing} lines are not in the value. */
  public record Group(BigDecimal value, BigDecimal weight, int lines, int missing) {}

  /**
   * The lines grouped under the key each gets (an asset, a venue, a currency, a target's group),
   * valued and weighted as {@link #byClass()}: a line without a value counts in its group's
   * {@code missing}, never as zero. A null key counts under "UNKNOWN".
   */
  public Map<String, Group> by(Function<SnapshotLine, String> key) {
    Map<String, BigDecimal[]> raw = new TreeMap<>();
    for (SnapshotLine l : lines) {
      String k = key.apply(l);
      add(raw, k == null ? "UNKNOWN" : k, l);
    }
    return groups(raw, total);
  }

  /** Per asset, summed over the accounts holding it. */
  public Map<String, Group> byAsset() {
    return by(l -> l.asset().value());
  }

  /** True when every line was valued. */
  public boolean complete() {
    return missing == 0;
  }

  /**
   * @param prices closes of assets in their quote currency (base = asset), as of a date
   * @param rates FX and crypto rates for converting into {@code currency}, as of a date
   * @param staleAfter how old a price of a class may be
   */
  public static Snapshot of(List<Holding> holdings, Function<AssetId, Optional<Asset>> assets, DatedRates prices, AsOfRates rates,
      AssetId currency, LocalDate date, Function<AssetClass, Duration> staleAfter) {
    List<SnapshotLine> draft = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Holding h : holdings) {
      SnapshotLine line = line(h, assets, prices, rates, currency, date, staleAfter);
      draft.add(line);
      if (line.value() != null) {
        total = total.add(line.value());
      }
    }
    List<SnapshotLine> lines = new ArrayList<>();
    Map<String, BigDecimal[]> classes = new TreeMap<>();
    Map<String, BigDecimal[]> accounts = new TreeMap<>();
    int stale = 0;
    int missing = 0;
    for (SnapshotLine l : draft) {
      BigDecimal weight = l.value() == null ? null : percent(l.value(), total);
      lines.add(new SnapshotLine(l.account(), l.asset(), l.assetClass(), l.quantity(), l.price(), l.priceCurrency(), l.priceDate(),
          l.ageDays(), l.status(), l.value(), weight, l.cost(), l.unrealizedPnl(), l.problem()));
      add(classes, l.assetClass() == null ? "UNKNOWN" : l.assetClass().name(), l);
      add(accounts, l.account(), l);
      stale += l.status() == PriceStatus.STALE ? 1 : 0;
      missing += l.status() == PriceStatus.MISSING ? 1 : 0;
    }
    return new Snapshot(date, currency, List.copyOf(lines), total, groups(classes, total), groups(accounts, total), stale, missing);
  }

  private static SnapshotLine line(Holding h, Function<AssetId, Optional<Asset>> assets, DatedRates prices, AsOfRates rates,
      AssetId currency, LocalDate date, Function<AssetClass, Duration> staleAfter) {
    Optional<Asset> asset = assets.apply(h.asset());
    AssetClass assetClass = h.asset().isFiat() ? AssetClass.CASH : asset.map(Asset::assetClass).orElse(null);
    BigDecimal price;
    AssetId priceCurrency;
    LocalDate priceDate;
    if (h.asset().isFiat()) {
      price = BigDecimal.ONE;
      priceCurrency = h.asset();
      priceDate = date;
    } else {
      if (asset.isEmpty()) {
        return missing(h, null, null, null, "unknown asset " + h.asset());
      }
      Optional<DatedRate> close = prices.latest(h.asset(), asset.get().quoteCurrency(), date);
      if (close.isEmpty()) {
        return missing(h, assetClass, null, null, "no price of " + h.asset() + " in " + asset.get().quoteCurrency() + " on or before " + date);
      }
      price = close.get().rate();
      priceCurrency = close.get().quote();
      priceDate = close.get().date();
    }
    long age = ChronoUnit.DAYS.between(priceDate, date);
    Duration allowed = assetClass == null ? Duration.ofDays(1) : staleAfter.apply(assetClass);
    PriceStatus status = Duration.ofDays(age).compareTo(allowed) > 0 ? PriceStatus.STALE : PriceStatus.FRESH;
    BigDecimal inQuote = h.quantity().multiply(price);
    BigDecimal value;
    BigDecimal cost = null;
    try {
      // a holding of the snapshot's own currency is its quantity, not a round trip through two rates
      value = h.asset().equals(currency) ? h.quantity() : inQuote.multiply(rates.require(priceCurrency, currency, date).rate());
      if (h.cost() != null) {
        cost = h.cost().amount().multiply(rates.require(h.cost().currency(), currency, date).rate());
      }
    } catch (MissingRateException e) {
      return new SnapshotLine(h.account(), h.asset(), assetClass, h.quantity(), price, priceCurrency, priceDate, age, PriceStatus.MISSING,
          null, null, null, null, e.getMessage());
    }
    value = plain(value);
    cost = cost == null ? null : plain(cost);
    BigDecimal pnl = cost == null || h.asset().isFiat() ? null : plain(value.subtract(cost));
    return new SnapshotLine(h.account(), h.asset(), assetClass, h.quantity(), price, priceCurrency, priceDate, age, status, value, null,
        h.asset().isFiat() ? null : cost, pnl, status == PriceStatus.STALE ? "price is " + age + " days old" : null);
  }

  private static SnapshotLine missing(Holding h, AssetClass assetClass, BigDecimal price, LocalDate date, String why) {
    return new SnapshotLine(h.account(), h.asset(), assetClass, h.quantity(), price, null, date, null, PriceStatus.MISSING, null, null,
        null, null, why);
  }

  private static void add(Map<String, BigDecimal[]> groups, String key, SnapshotLine l) {
    BigDecimal[] g = groups.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    if (l.value() != null) {
      g[0] = g[0].add(l.value());
    } else {
      g[2] = g[2].add(BigDecimal.ONE);
    }
    g[1] = g[1].add(BigDecimal.ONE);
  }

  private static Map<String, Group> groups(Map<String, BigDecimal[]> raw, BigDecimal total) {
    Map<String, Group> out = new LinkedHashMap<>();
    raw.forEach((k, g) -> out.put(k, new Group(plain(g[0]), percent(g[0], total), g[1].intValue(), g[2].intValue())));
    return out;
  }

  static BigDecimal percent(BigDecimal part, BigDecimal total) {
    if (total.signum() == 0) {
      return null;
    }
    return part.multiply(BigDecimal.valueOf(100)).divide(total, 4, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
