package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The pure valuation of one portfolio: each asset at its latest price (the mid of bid and ask when
 * the quote has both, else its last, bid or ask), converted into the base currency at the FX
 * rate of the quote's date; cash at the FX rate of the day. Exact decimals: a product of exact
 * values is not rounded; the mid is an exact half.
 */
public final class PortfolioValuation {
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  private PortfolioValuation() {}

  /** The price a quote stands for in a valuation. */
  public static Price mark(Quote quote) {
    if (quote.bid() != null && quote.ask() != null) {
      return new Price(quote.bid().value().add(quote.ask().value()).divide(TWO), quote.instrument().quote());
    }
    return quote.last() != null ? quote.last() : quote.bid() != null ? quote.bid() : quote.ask();
  }

  /**
   * @param quoteOf the latest quote of an asset, in whatever quote currency (see {@link #quoteFinder})
   * @param today the date cash is converted at
   */
  public static PortfolioValue value(Holdings holdings, Function<AssetId, Quote> quoteOf, FxRateProvider fx, LocalDate today) {
    AssetId base = holdings.baseCurrency();
    BigDecimal total = BigDecimal.ZERO;
    Map<AssetId, Money> byAsset = new TreeMap<>();
    List<AssetId> unpriced = new ArrayList<>();
    Instant pricedAt = null;
    for (Map.Entry<AssetId, BigDecimal> holding : holdings.quantities().entrySet()) {
      AssetId asset = holding.getKey();
      BigDecimal quantity = holding.getValue();
      Optional<BigDecimal> value;
      if (asset.equals(base)) {
        value = Optional.of(quantity);
      } else if (asset.isFiat()) {
        value = fx.rate(asset, base, today).map(quantity::multiply);
      } else {
        Quote quote = quoteOf.apply(asset);
        if (quote == null) {
          value = Optional.empty();
        } else {
          Price price = mark(quote);
          BigDecimal inQuote = quantity.multiply(price.value());
          value = price.currency().equals(base) ? Optional.of(inQuote)
              : fx.rate(price.currency(), base, quote.time().atZone(ZoneOffset.UTC).toLocalDate()).map(inQuote::multiply);
          if (value.isPresent() && (pricedAt == null || quote.time().isAfter(pricedAt))) {
            pricedAt = quote.time();
          }
        }
      }
      if (value.isEmpty()) {
        unpriced.add(asset);
      } else {
        byAsset.put(asset, new Money(value.get(), base));
        total = total.add(value.get());
      }
    }
    return new PortfolioValue(holdings.portfolio(), new Money(total, base), byAsset, pricedAt, unpriced);
  }

  /**
   * Finds an asset's quote among the latest: the instrument of that asset in the base currency
   * if there is one, else the one in the first other quote currency in order.
   */
  public static Function<AssetId, Quote> quoteFinder(Map<InstrumentId, Quote> latest, AssetId base) {
    Map<AssetId, Quote> chosen = new java.util.HashMap<>();
    for (Quote quote : new TreeMap<>(latest).values()) {
      AssetId asset = quote.instrument().base();
      Quote before = chosen.get(asset);
      if (before == null || (quote.instrument().quote().equals(base) && !before.instrument().quote().equals(base))) {
        chosen.put(asset, quote);
      }
    }
    return chosen::get;
  }
}
