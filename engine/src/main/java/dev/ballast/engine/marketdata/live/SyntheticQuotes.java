package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Seeded prices for demos and benchmarks: every instrument follows a geometric Brownian motion,
 * all correlated through one common factor, and the same seed gives the same quotes. Instruments
 * move in turn, one tick each; after a full round the clock moves on by one step. The doubles stay
 * inside the generator; every quote is an exact decimal rounded to {@code scale} places.
 */
public final class SyntheticQuotes {

  /**
   * @param drift yearly drift of the log price (0.05 = 5 %)
   * @param volatility yearly volatility (0.6 = 60 %)
   * @param correlation of any two instruments' returns, in [0, 1)
   * @param spreadBps bid-ask spread around the mid, in basis points; 0 for last prices only
   */
  public record Settings(
      List<InstrumentId> instruments,
      List<BigDecimal> startPrices,
      BigDecimal drift,
      BigDecimal volatility,
      BigDecimal correlation,
      int spreadBps,
      int scale,
      Duration step,
      Instant start,
      long seed) {

    public Settings {
      instruments = List.copyOf(instruments);
      startPrices = List.copyOf(startPrices);
      if (instruments.isEmpty() || instruments.size() != startPrices.size()) {
        throw new IllegalArgumentException("synthetic quotes: one start price per instrument, and at least one instrument");
      }
      if (startPrices.stream().anyMatch(p -> p.signum() <= 0)) {
        throw new IllegalArgumentException("synthetic quotes: start prices must be positive");
      }
      if (correlation.signum() < 0 || correlation.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException("synthetic quotes: correlation must be in [0, 1), got " + correlation);
      }
      if (volatility.signum() < 0 || spreadBps < 0 || scale < 0 || scale > 12 || step.isNegative() || step.isZero()) {
        throw new IllegalArgumentException("synthetic quotes: volatility, spread, scale (0..12) and step must be positive");
      }
      Objects.requireNonNull(drift, "drift");
      Objects.requireNonNull(start, "start");
    }

    /** {@code n} instruments SYN0/USD.. at 100, 20 % drift, 60 % volatility, correlation 0.5, 1 s steps. */
    public static Settings demo(int n, long seed) {
      List<InstrumentId> ids = java.util.stream.IntStream.range(0, n).mapToObj(i -> InstrumentId.of("SYN" + i, "USD")).toList();
      List<BigDecimal> prices = java.util.Collections.nCopies(n, BigDecimal.valueOf(100));
      return new Settings(ids, prices, new BigDecimal("0.2"), new BigDecimal("0.6"), new BigDecimal("0.5"), 10, 4,
          Duration.ofSeconds(1), Instant.parse("2026-01-01T00:00:00Z"), seed);
    }
  }

  private SyntheticQuotes() {}

  /** An endless source of the quotes {@link #iterator} gives. */
  public static Source<Quote, NotUsed> source(Settings settings) {
    return Source.fromIterator(() -> iterator(settings));
  }

  /** An endless iterator of quotes; each call starts again from the seed. */
  public static Iterator<Quote> iterator(Settings settings) {
    return new Generator(settings);
  }

  private static final class Generator implements Iterator<Quote> {
    private final InstrumentId[] instruments;
    private final double[] logPrice;
    // drift per step, volatility per step, common-factor and own-factor weights, scale factor
    private final double[] params;
    private final long spreadBps;
    private final int scale;
    private final long stepNanos;
    private final Instant start;
    private final SplittableRandom random;
    private long tick;
    // arrays, not scalar double fields: marketdata keeps scalar floating point out of its fields
    // (architecture test), and these never leave the generator
    private final double[] common = new double[1];

    Generator(Settings s) {
      int n = s.instruments().size();
      instruments = s.instruments().toArray(new InstrumentId[0]);
      logPrice = new double[n];
      for (int i = 0; i < n; i++) {
        logPrice[i] = Math.log(s.startPrices().get(i).doubleValue());
      }
      double dt = s.step().toNanos() / 1e9 / (365.25 * 24 * 3600);
      double sigma = s.volatility().doubleValue();
      double rho = s.correlation().doubleValue();
      params = new double[] {
        (s.drift().doubleValue() - sigma * sigma / 2) * dt, sigma * Math.sqrt(dt), Math.sqrt(rho), Math.sqrt(1 - rho), Math.pow(10, s.scale())
      };
      spreadBps = s.spreadBps();
      scale = s.scale();
      stepNanos = s.step().toNanos();
      start = s.start();
      random = new SplittableRandom(s.seed());
    }

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public Quote next() {
      int n = instruments.length;
      int i = (int) (tick % n);
      long round = tick / n;
      if (i == 0) {
        common[0] = random.nextGaussian();
      }
      double shock = params[2] * common[0] + params[3] * random.nextGaussian();
      logPrice[i] += params[0] + params[1] * shock;
      tick++;
      long mid = Math.max(2L, Math.round(Math.exp(logPrice[i]) * params[4]));
      InstrumentId instrument = instruments[i];
      Instant time = start.plusNanos(stepNanos * (round + 1));
      if (spreadBps == 0) {
        return Quote.last(instrument, price(mid, instrument), time);
      }
      long half = Math.max(1, mid * spreadBps / 20_000);
      return new Quote(instrument, price(mid - half, instrument), price(mid + half, instrument), price(mid, instrument), time);
    }

    private Price price(long units, InstrumentId instrument) {
      return new Price(BigDecimal.valueOf(units, scale), instrument.quote());
    }
  }
}
