package dev.ballast.persistence.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DatedRate;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.PriceStoreDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The latest rates read in one query answer as the per-pair lookups do, and the cache reloads after a write or its age. */
abstract class LatestRatesContract extends PriceStoreDatabase {
  static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
  static final InstrumentId TOYOTA = InstrumentId.of("7203.T", "JPY");
  static final InstrumentId USD_JPY = InstrumentId.of("USD", "JPY");
  static final InstrumentId BTC_USD = InstrumentId.of("BTC", "USD");
  static final List<String> ASSETS = List.of("7203.T", "JPY", "USD", "EUR", "BTC", "FUND");
  @BeforeEach
  void seed() {
    store.save("yahoo", new DailyHistory(TOYOTA, List.of(PriceStoreContract.day(TOYOTA, "2024-03-27", "3490", "3490"),
        PriceStoreContract.day(TOYOTA, "2024-03-29", "3500.5", "3500.5")), List.of()), null, T1);
    store.save("yahoo", new DailyHistory(USD_JPY, List.of(PriceStoreContract.day(USD_JPY, "2024-03-28", "151.35", "151.35"),
        PriceStoreContract.day(USD_JPY, "2024-04-01", "151.62", "151.62")), List.of()), null, T1);
    store.save("coingecko", new DailyHistory(BTC_USD, List.of(PriceStoreContract.day(BTC_USD, "2024-03-30", "69871.123456789", "69871.123456789"),
        PriceStoreContract.day(BTC_USD, "2024-03-31", "71333.4", "71333.4")), List.of()), null, T1);
    store.saveManual(InstrumentId.of("FUND", "JPY"), LocalDate.parse("2024-03-31"), Price.of("15000.5", "JPY"), "manual", T1);
  }

  @Test
  void everyPairOnEveryDateIsWhatTheLookupOfThatPairAnswers() {
    int found = 0;
    for (LocalDate d = LocalDate.parse("2024-03-26"); !d.isAfter(LocalDate.parse("2024-04-03")); d = d.plusDays(1)) {
      LatestRates rates = store.latestAll(d);
      for (String base : ASSETS) {
        for (String quote : ASSETS) {
          Optional<DatedRate> expected = store.latest(AssetId.of(base), AssetId.of(quote), d);
          assertEquals(expected, rates.latest(AssetId.of(base), AssetId.of(quote), d), base + "/" + quote + " on " + d);
          found += expected.isPresent() ? 1 : 0;
        }
      }
    }
    // the comparison covered stored rates, not only absent ones: each of the 4 pairs present from its first date to 04-03
    assertEquals(8 + 7 + 5 + 4, found);
    assertEquals(Optional.of(new DatedRate(AssetId.of("BTC"), AssetId.of("USD"), LocalDate.parse("2024-03-31"), new BigDecimal("71333.4"))),
        store.latestAll(LocalDate.parse("2024-04-02")).latest(AssetId.of("BTC"), AssetId.of("USD"), LocalDate.parse("2024-04-02")));
  }

  @Test
  void theCacheAnswersFromOneLoadUntilTheStoreWritesOrTheLoadIsTooOld() {
    AtomicLong now = new AtomicLong();
    LatestRatesCache cache = new LatestRatesCache(store, Duration.ofSeconds(5), now::get);
    LocalDate day = LocalDate.parse("2024-04-02");
    LatestRates first = cache.asOf(day);
    assertSame(first, cache.asOf(day));

    store.saveManual(InstrumentId.of("FUND", "JPY"), LocalDate.parse("2024-04-02"), Price.of("15100", "JPY"), "manual", T1);
    LatestRates afterWrite = cache.asOf(day);
    assertNotSame(first, afterWrite);
    assertEquals(new BigDecimal("15100"), afterWrite.latest(AssetId.of("FUND"), AssetId.of("JPY"), day).orElseThrow().rate());
    assertSame(afterWrite, cache.asOf(day));

    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertNotSame(afterWrite, cache.asOf(day));
    // another day is loaded apart, as of that day
    assertEquals(new BigDecimal("15000.5"),
        cache.asOf(LocalDate.parse("2024-04-01")).latest(AssetId.of("FUND"), AssetId.of("JPY"), LocalDate.parse("2024-04-01")).orElseThrow().rate());
  }
}
