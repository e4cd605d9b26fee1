package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FxRateProvider;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Conversion between any two currencies or assets as of a date, from stored rates: the pair
 * itself, its inverse, or through a pivot (USD: JPY -> USD -> BTC is JPY/USD x USD/BTC). A rate
 * is used as of the latest date on or before the one asked, no older than {@code maxAge}; a
 * triangulated rate is as old as its older leg. Nothing found is a {@link MissingRateException}
 * naming the pair and the date.
 *
 * <p>An inverse is {@code 1 / rate} to 34 significant digits ({@code MathContext.DECIMAL128}), the
 * rounding policy of docs/ledger.md for a division; a product of legs is exact.
 */
public final class AsOfRates implements FxRateProvider {
  private final DatedRates rates;
  private final AssetId pivot;
  private final Period maxAge;

  public AsOfRates(DatedRates rates, AssetId pivot, Period maxAge) {
    this.rates = Objects.requireNonNull(rates);
    this.pivot = Objects.requireNonNull(pivot);
    this.maxAge = Objects.requireNonNull(maxAge);
  }

  /** The rate of {@code from} in {@code to} as of {@code date}, dated by its oldest input. */
  public Optional<DatedRate> find(AssetId from, AssetId to, LocalDate date) {
    if (from.equals(to)) {
      return Optional.of(new DatedRate(from, to, date, BigDecimal.ONE));
    }
    Optional<DatedRate> direct = leg(from, to, date);
    if (direct.isPresent() || from.equals(pivot) || to.equals(pivot)) {
      return direct;
    }
    Optional<DatedRate> first = leg(from, pivot, date);
    Optional<DatedRate> second = first.isPresent() ? leg(pivot, to, date) : Optional.empty();
    if (second.isEmpty()) {
      return Optional.empty();
    }
    LocalDate older = first.get().date().isBefore(second.get().date()) ? first.get().date() : second.get().date();
    return Optional.of(new DatedRate(from, to, older, first.get().rate().multiply(second.get().rate())));
  }

  /** Like {@link #find}, failing with the pair and date when there is no rate. */
  public DatedRate require(AssetId from, AssetId to, LocalDate date) {
    return find(from, to, date).orElseThrow(() -> new MissingRateException(from, to, date, tried(from, to)));
  }

  /** {@code money} in {@code to} as of {@code date}. */
  public Money convert(Money money, AssetId to, LocalDate date) {
    if (money.currency().equals(to)) {
      return money;
    }
    return new Money(money.amount().multiply(require(money.currency(), to, date).rate()), to);
  }

  @Override
  public Optional<BigDecimal> rate(AssetId from, AssetId to, LocalDate date) {
    return find(from, to, date).map(DatedRate::rate);
  }

  private Optional<DatedRate> leg(AssetId from, AssetId to, LocalDate date) {
    Optional<DatedRate> direct = fresh(rates.latest(from, to, date), date);
    if (direct.isPresent()) {
      return direct;
    }
    return fresh(rates.latest(to, from, date), date)
        .map(r -> new DatedRate(from, to, r.date(), BigDecimal.ONE.divide(r.rate(), MathContext.DECIMAL128).stripTrailingZeros()));
  }

  private Optional<DatedRate> fresh(Optional<DatedRate> rate, LocalDate date) {
    return rate.filter(r -> !r.date().isAfter(date) && !r.date().plus(maxAge).isBefore(date));
  }

  private String tried(AssetId from, AssetId to) {
    List<String> out = new ArrayList<>(List.of(from + "/" + to, to + "/" + from));
    if (!from.equals(pivot) && !to.equals(pivot)) {
      out.add(from + "/" + pivot + " x " + pivot + "/" + to);
    }
    return String.join(", ", out) + ", each at most " + maxAge.getDays() + " days old";
  }
}
