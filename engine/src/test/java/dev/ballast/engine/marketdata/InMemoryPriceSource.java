package dev.ballast.engine.marketdata;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Test double of {@link PriceSource}: answers from the bars and quotes it was given, and fails the
 * next calls with the errors it is told to. Shared through the engine test-jar.
 */
public final class InMemoryPriceSource implements PriceSource {
  private final String name;
  private final List<OhlcBar> bars = new ArrayList<>();
  private final Map<InstrumentId, Quote> quotes = new LinkedHashMap<>();
  private final Deque<PriceSourceError> failures = new ArrayDeque<>();

  public InMemoryPriceSource(String name) {
    this.name = name;
  }

  public synchronized InMemoryPriceSource withBars(List<OhlcBar> more) {
    bars.addAll(more);
    return this;
  }

  /** Replaces the instrument's latest quote. */
  public synchronized InMemoryPriceSource withQuote(Quote quote) {
    quotes.put(quote.instrument(), quote);
    return this;
  }

  /** The next call fails with this error (calls after it fail with the next one queued). */
  public synchronized InMemoryPriceSource failNext(PriceSourceError error) {
    failures.add(error);
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    if (!knows(instrument)) {
      return failed(new PriceSourceError.UnknownInstrument(instrument));
    }
    return CompletableFuture.completedFuture(bars.stream()
        .filter(b -> b.instrument().equals(instrument) && b.interval() == interval)
        .filter(b -> !b.start().isBefore(from) && b.start().isBefore(to))
        .sorted(Comparator.comparing(OhlcBar::start))
        .toList());
  }

  @Override
  public synchronized CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
    if (!failures.isEmpty()) {
      return failed(failures.poll());
    }
    return CompletableFuture.completedFuture(
        quotes.values().stream().filter(q -> instruments.contains(q.instrument())).toList());
  }

  private boolean knows(InstrumentId instrument) {
    Set<InstrumentId> known = new HashSet<>(quotes.keySet());
    bars.forEach(b -> known.add(b.instrument()));
    return known.contains(instrument);
  }

  private <T> CompletionStage<T> failed(PriceSourceError error) {
    return CompletableFuture.failedFuture(new PriceSourceException(name, error));
  }
}
