package dev.ballast.engine.marketdata.live;

import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.Quote;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Plays recorded quotes or bars again in their time order, at a chosen speed: {@code speed} 60
 * plays an hour of history in a minute; {@link #AS_FAST_AS_POSSIBLE} does not wait at all. The
 * quotes keep their recorded times.
 */
public final class ReplayQuotes {
  public static final BigDecimal AS_FAST_AS_POSSIBLE = BigDecimal.ZERO;

  private ReplayQuotes() {}

  /** Each bar as a quote of its close at the bar's end, oldest first. */
  public static List<Quote> fromBars(List<OhlcBar> bars) {
    List<Quote> quotes = new ArrayList<>(bars.size());
    for (OhlcBar bar : bars) {
      quotes.add(Quote.last(bar.instrument(), bar.close(), bar.end()));
    }
    quotes.sort(Comparator.comparing(Quote::time));
    return quotes;
  }

  /**
   * How long after the replay starts a quote recorded at {@code time} is played, when the first was
   * recorded at {@code first}: the recorded distance divided by the speed.
   */
  public static Duration wallOffset(Instant first, Instant time, BigDecimal speed) {
    if (speed.signum() == 0) {
      return Duration.ZERO;
    }
    BigDecimal nanos = BigDecimal.valueOf(Duration.between(first, time).toNanos());
    return Duration.ofNanos(nanos.divide(speed, MathContext.DECIMAL64).longValue());
  }

  /** The quotes, sorted by time, each emitted at its {@link #wallOffset} from materialization. */
  public static Source<Quote, NotUsed> source(List<Quote> recorded, BigDecimal speed) {
    if (speed.signum() < 0) {
      throw new IllegalArgumentException("replay speed must not be negative, got " + speed);
    }
    List<Quote> quotes = new ArrayList<>(recorded);
    quotes.sort(Comparator.comparing(Quote::time));
    if (speed.signum() == 0 || quotes.isEmpty()) {
      return Source.from(quotes);
    }
    Instant first = quotes.get(0).time();
    return Source.fromMaterializer(
            (materializer, attributes) -> {
              long startNanos = System.nanoTime();
              return Source.from(quotes)
                  .mapAsync(
                      1,
                      quote -> {
                        long due = startNanos + wallOffset(first, quote.time(), speed).toNanos();
                        long wait = due - System.nanoTime();
                        if (wait <= 0) {
                          return CompletableFuture.completedFuture(quote);
                        }
                        CompletableFuture<Quote> later = new CompletableFuture<>();
                        materializer.scheduleOnce(scala.concurrent.duration.FiniteDuration.fromNanos(wait), () -> later.complete(quote));
                        return later;
                      });
            })
        .mapMaterializedValue(future -> NotUsed.getInstance());
  }
}
