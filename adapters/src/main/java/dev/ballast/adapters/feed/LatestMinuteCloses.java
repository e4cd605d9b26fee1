package dev.ballast.adapters.feed;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.PriceSource;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import dev.ballast.engine.marketdata.Quote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The latest quotes of a feed's REST history (Coinbase candles, Kraken OHLC): per instrument, the
 * close of the latest closed one-minute bar of the last five minutes, at the minute's end. An
 * instrument the venue does not know has no quote; any other failure fails the whole answer.
 */
public final class LatestMinuteCloses {
  static final Duration LOOK_BACK = Duration.ofMinutes(5);

  private LatestMinuteCloses() {}

  public static CompletionStage<List<Quote>> of(PriceSource history, Set<InstrumentId> instruments, Instant now) {
    List<CompletableFuture<Optional<Quote>>> each = new ArrayList<>();
    for (InstrumentId instrument : instruments.stream().sorted().toList()) {
      each.add(history.bars(instrument, BarInterval.ONE_MINUTE, now.minus(LOOK_BACK), now)
          .thenApply(bars -> bars.stream().reduce((a, b) -> b).map(b -> Quote.last(instrument, b.close(), b.end())))
          .exceptionally(LatestMinuteCloses::unknownIsNone)
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(done -> each.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  private static Optional<Quote> unknownIsNone(Throwable thrown) {
    Throwable t = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    if (t instanceof PriceSourceException e && e.error() instanceof PriceSourceError.UnknownInstrument) {
      return Optional.empty();
    }
    throw t instanceof RuntimeException r ? r : new CompletionException(t);
  }
}
