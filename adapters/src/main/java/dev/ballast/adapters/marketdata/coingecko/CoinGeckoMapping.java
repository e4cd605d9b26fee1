package dev.ballast.adapters.marketdata.coingecko;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketCap;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pure functions from CoinGecko's answers to engine values. A daily point stamped 00:00 UTC of day
 * D+1 is the close of UTC day D; the trailing "now" point is not a close and is left out.
 */
public final class CoinGeckoMapping {
  /** Stablecoins counted in the stablecoin dominance, by CoinGecko's lower-case symbol. */
  static final Set<String> STABLECOINS = Set.of("usdt", "usdc", "dai", "busd", "fdusd", "tusd", "usde", "pyusd", "usdd");

  private CoinGeckoMapping() {}

  /** Why an answer cannot be read. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient PriceSourceError error;

    Refusal(PriceSourceError error) {
      super(error.message());
      this.error = error;
    }

    public PriceSourceError error() {
      return error;
    }
  }

  /** Daily closes with UTC dates in {@code [from, to]}: OHLC all the close, no base-asset volume. */
  public static DailyHistory dailyHistory(InstrumentId instrument, CoinGeckoDtos.MarketChart chart, LocalDate from, LocalDate to) {
    List<DailyBar> bars = new ArrayList<>();
    for (Point p : points(chart.prices(), "prices")) {
      if (!isMidnight(p.time()) || p.value().signum() <= 0) {
        continue;
      }
      LocalDate day = p.time().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      Price close = new Price(Decimals.shortest(p.value()), instrument.quote());
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      bars.add(new DailyBar(day, new dev.ballast.engine.marketdata.OhlcBar(instrument, BarInterval.ONE_DAY, start, close, close, close,
          close, null), close));
    }
    return new DailyHistory(instrument, bars, List.of());
  }

  /** The daily market caps (points at 00:00 UTC, dated like the closes); a young coin's 0 is left out. */
  public static List<MarketCap> marketCaps(AssetId coin, AssetId currency, CoinGeckoDtos.MarketChart chart, LocalDate from, LocalDate to) {
    List<MarketCap> out = new ArrayList<>();
    for (Point p : points(chart.marketCaps(), "market_caps")) {
      LocalDate day = p.time().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
      if (isMidnight(p.time()) && p.value().signum() > 0 && !day.isBefore(from) && !day.isAfter(to)) {
        out.add(new MarketCap(coin, currency, p.time(), Decimals.shortest(p.value())));
      }
    }
    return out;
  }

  /**
   * The quotes of {@code /simple/price} for the instruments asked, keyed by coin id; an id or
   * currency CoinGecko left out is left out here too.
   */
  public static List<Quote> quotes(Map<String, Map<String, BigDecimal>> body, Map<InstrumentId, String> coinIds) {
    List<Quote> out = new ArrayList<>();
    coinIds.forEach((instrument, id) -> {
      Map<String, BigDecimal> coin = body.get(id);
      if (coin == null) {
        return;
      }
      BigDecimal price = coin.get(instrument.quote().value().toLowerCase(Locale.ROOT));
      BigDecimal updated = coin.get("last_updated_at");
      if (price == null || price.signum() <= 0) {
        return;
      }
      if (updated == null) {
        throw new Refusal(new PriceSourceError.Malformed(id + " has no last_updated_at: the price's age is unknown"));
      }
      out.add(Quote.last(instrument, new Price(Decimals.shortest(price), instrument.quote()), Instant.ofEpochSecond(updated.longValueExact())));
    });
    out.sort(java.util.Comparator.comparing(Quote::instrument));
    return out;
  }

  /** The crypto market totals of {@code /global}. */
  public static CryptoMarket cryptoMarket(CoinGeckoDtos.Global global) {
    if (global.data() == null || global.data().marketCapPercentage() == null || global.data().totalMarketCap() == null
        || global.data().updatedAt() == null) {
      throw new Refusal(new PriceSourceError.Malformed("global: data.total_market_cap, market_cap_percentage or updated_at missing"));
    }
    Map<String, BigDecimal> shares = global.data().marketCapPercentage();
    BigDecimal stable = BigDecimal.ZERO;
    for (String coin : STABLECOINS) {
      stable = stable.add(shares.getOrDefault(coin, BigDecimal.ZERO));
    }
    Map<AssetId, BigDecimal> totals = new HashMap<>();
    global.data().totalMarketCap().forEach((cur, v) -> totals.put(AssetId.of(cur), Decimals.shortest(v)));
    return new CryptoMarket(Instant.ofEpochSecond(global.data().updatedAt()), totals,
        Decimals.shortest(shares.getOrDefault("btc", BigDecimal.ZERO)), Decimals.shortest(shares.getOrDefault("eth", BigDecimal.ZERO)),
        Decimals.shortest(stable));
  }

  private record Point(Instant time, BigDecimal value) {}

  private static List<Point> points(List<List<BigDecimal>> rows, String field) {
    if (rows == null) {
      throw new Refusal(new PriceSourceError.Malformed("no \"" + field + "\" array"));
    }
    List<Point> out = new ArrayList<>();
    for (List<BigDecimal> row : rows) {
      // a short or empty inner array carries no point: skipped, as CoinGecko's own clients do
      if (row == null || row.size() < 2 || row.get(0) == null || row.get(1) == null) {
        continue;
      }
      out.add(new Point(Instant.ofEpochMilli(row.get(0).longValue()), row.get(1)));
    }
    return out;
  }

  private static boolean isMidnight(Instant t) {
    return t.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
  }
}
