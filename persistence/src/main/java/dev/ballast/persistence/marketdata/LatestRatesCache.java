package dev.ballast.persistence.marketdata;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The latest rates per date loaded once from the price store and reused until the store writes
 * (its {@link PriceStore#version()} moves) or {@code maxAge} passes (a write by another process,
 * which the version does not see). A snapshot reads its prices here: one query per write and
 * date, not a pooled connection per position.
 */
public final class LatestRatesCache {
  /** Dates kept at once; today's and a few asked-for past days. */
  static final int DATES = 16;

  private record Loaded(long version, long loadedAt, LatestRates rates) {}

  private final PriceStore store;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<LocalDate, Loaded> loaded = new ConcurrentHashMap<>();

  public LatestRatesCache(PriceStore store, Duration maxAge) {
    this(store, maxAge, System::nanoTime);
  }

  LatestRatesCache(PriceStore store, Duration maxAge, LongSupplier nanoTime) {
    this.store = store;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The latest rate of every pair on or before {@code date}, as the store holds them now. */
  public LatestRates asOf(LocalDate date) {
    Loaded hit = loaded.get(date);
    if (current(hit)) {
      return hit.rates();
    }
    if (loaded.size() >= DATES) {
      loaded.clear();
    }
    // one load per date at a time: the requests arriving together wait for it instead of each querying
    return loaded.compute(date, (d, old) -> {
      if (current(old)) {
        return old;
      }
      // the version is read before the load: a write committed during it leaves this entry behind the store's
      long version = store.version();
      return new Loaded(version, nanoTime.getAsLong(), store.latestAll(d));
    }).rates();
  }

  private boolean current(Loaded l) {
    return l != null && l.version() == store.version() && nanoTime.getAsLong() - l.loadedAt() < maxAgeNanos;
  }
}
