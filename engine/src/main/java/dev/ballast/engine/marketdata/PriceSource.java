package dev.ballast.engine.marketdata;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Port: a source of prices (Yahoo Finance, CoinGecko, Binance klines, a replay file). Every answer
 * is a stage that completes later; a failure completes it exceptionally with a
 * {@link PriceSourceException} whose {@link PriceSourceError} says what went wrong, so callers
 * decide on the type (back off, report the instrument unknown), never on message text.
 */
public interface PriceSource {

  /** The source's name in settings, logs and the price store ({@code yahoo}, {@code coingecko}). */
  String name();

  /**
   * The bars of one instrument whose start lies in {@code [from, to)}, oldest first, each of that
   * instrument and interval; empty when the source has none in the range (a holiday). Fails with
   * {@link PriceSourceError.UnknownInstrument} when the source does not know the instrument.
   */
  CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to);

  /**
   * The latest quote of each instrument the source knows, at most one per instrument; instruments it
   * does not know are left out, so the caller can report them missing rather than price them at zero.
   */
  CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments);
}
