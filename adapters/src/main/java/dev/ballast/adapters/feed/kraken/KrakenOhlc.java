package dev.ballast.adapters.feed.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.adapters.feed.LatestMinuteCloses;
import dev.ballast.adapters.marketdata.HttpAnswer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSource;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.Quote;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The REST history behind the kraken feed: Kraken's public OHLC (no key needed), paged forward by
 * its {@code last}. Kraken keeps only the latest 720 rows of an interval (12 hours of minutes), so
 * the part of a gap older than that has no bars.
 */
public final class KrakenOhlc implements PriceSource {
  public static final URI PRODUCTION = URI.create("https://api.kraken.com/");
  /** A safeguard against a source whose {@code last} never reaches the range's end. */
  static final int MAX_PAGES = 50;

  private final SourceClient client;
  private final Clock clock;

  public KrakenOhlc(SourceClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public String name() {
    return client.name();
  }

  @Override
  public CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    int minutes = KrakenOhlcMapping.minutes(interval).orElseThrow();
    if (!from.isBefore(to)) {
      return CompletableFuture.completedFuture(List.of());
    }
    // since is exclusive at Kraken: one second before from keeps a bar starting at from
    return page(instrument, interval, minutes, from, to, from.getEpochSecond() - 1, new ArrayList<>(), 0);
  }

  private CompletionStage<List<OhlcBar>> page(InstrumentId instrument, BarInterval interval, int minutes, Instant from, Instant to, long since,
      List<OhlcBar> acc, int pages) {
    Instant now = clock.instant();
    return client.get(path(instrument, minutes, since), answer -> read(instrument, interval, answer, now)).thenCompose(page -> {
      Instant newest = acc.isEmpty() ? Instant.MIN : acc.get(acc.size() - 1).start();
      for (OhlcBar bar : page.bars()) {
        if (!bar.start().isBefore(from) && bar.start().isBefore(to) && bar.start().isAfter(newest)) {
          acc.add(bar);
        }
      }
      boolean more = page.last() > since && Instant.ofEpochSecond(page.last()).isBefore(to) && !page.bars().isEmpty()
          && pages + 1 < MAX_PAGES;
      return more ? page(instrument, interval, minutes, from, to, page.last(), acc, pages + 1)
          : CompletableFuture.completedFuture(List.copyOf(acc));
    });
  }

  /** The close of the latest closed one-minute candle of the last five minutes, at the minute's end. */
  @Override
  public CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
    return LatestMinuteCloses.of(this, instruments, clock.instant());
  }


  static String path(InstrumentId instrument, int minutes, long since) {
    return "0/public/OHLC?pair=" + KrakenOhlcMapping.pair(instrument) + "&interval=" + minutes + "&since=" + since;
  }

  private KrakenOhlcMapping.Page read(InstrumentId instrument, BarInterval interval, HttpAnswer answer, Instant now) {
    if (answer.status() != 200) {
      throw client.fail(new PriceSourceError.Malformed("HTTP " + answer.status()));
    }
    return map(() -> KrakenOhlcMapping.page(instrument, interval, client.json(answer, JsonNode.class), now));
  }

  private <T> T map(Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (KrakenOhlcMapping.Refusal r) {
      throw client.fail(r.error());
    }
  }
}
