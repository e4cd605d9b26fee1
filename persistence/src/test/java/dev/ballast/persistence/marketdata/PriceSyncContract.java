package dev.ballast.persistence.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketDataSource;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import dev.ballast.persistence.testing.PriceStoreDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A sync asks only for missing dates, falls back to the next source, reports an asset without one, stores an action once. */
abstract class PriceSyncContract extends PriceStoreDatabase {
  static final LocalDate TODAY = LocalDate.parse("2024-04-03");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-03T09:00:00Z"), ZoneOffset.UTC);
  static final Asset TOYOTA = new Asset(AssetId.of("7203.T"), "Toyota", AssetClass.EQUITY, AssetId.of("JPY"), Map.of("yahoo", "7203.T"));
  static final Asset BTC = new Asset(AssetId.of("BTC"), "Bitcoin", AssetClass.CRYPTO, AssetId.of("USD"), Map.of());
  static final Asset FUND = new Asset(AssetId.of("0331418A"), "eMAXIS", AssetClass.FUND, AssetId.of("JPY"), Map.of());
  /** A source answering one bar a day at a fixed close, reporting what it was asked. */
  static final class DailySource implements MarketDataSource {
    final String name;
    final String close;
    final List<CorporateAction> actions;
    final List<String> asked = new ArrayList<>();
    PriceSourceError failing;

    DailySource(String name, String close, List<CorporateAction> actions) {
      this.name = name;
      this.close = close;
      this.actions = actions;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized CompletionStage<DailyHistory> dailyHistory(InstrumentId instrument, LocalDate from, LocalDate to) {
      asked.add(instrument + " " + from + ".." + to);
      if (failing != null) {
        return CompletableFuture.failedFuture(new PriceSourceException(name, failing));
      }
      List<DailyBar> bars = new ArrayList<>();
      for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        Price p = new Price(new BigDecimal(close), instrument.quote());
        bars.add(new DailyBar(d, new OhlcBar(instrument, BarInterval.ONE_DAY, d.atStartOfDay(ZoneOffset.UTC).toInstant(), p, p, p, p, null), p));
      }
      return CompletableFuture.completedFuture(new DailyHistory(instrument, bars,
          actions.stream().filter(a -> !a.exDate().isBefore(from) && !a.exDate().isAfter(to)).toList()));
    }

    @Override
    public CompletionStage<List<OhlcBar>> bars(InstrumentId instrument, BarInterval interval, Instant from, Instant to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<List<Quote>> latestQuotes(Set<InstrumentId> instruments) {
      throw new UnsupportedOperationException();
    }
  }

  private PriceSync sync(Map<String, MarketDataSource> sources) {
    return new PriceSync(store, sources, CLOCK, LocalDate.parse("2024-04-01"), Duration.ofSeconds(10));
  }

  @Test
  void aSecondSyncAsksOnlyForTheDayStillTrading() {
    CorporateAction split = new CorporateAction.Split(new InstrumentId(TOYOTA.id(), TOYOTA.quoteCurrency()), LocalDate.parse("2024-04-02"),
        new BigDecimal("5"), BigDecimal.ONE, "split:1");
    DailySource yahoo = new DailySource("yahoo", "3500", List.of(split));
    PriceSync sync = sync(Map.of("yahoo", yahoo));
    List<PriceSync.Outcome> first = sync.sync(List.of(TOYOTA), List.of(), null);
    assertEquals(List.of(new PriceSync.Outcome("7203.T", "7203.T/JPY", PriceSync.Outcome.Status.SYNCED, "yahoo",
        List.of(new DateRange(LocalDate.parse("2024-04-01"), TODAY)), 3, List.of(split), List.of())), first);
    List<PriceSync.Outcome> second = sync.sync(List.of(TOYOTA), List.of(), null);
    assertEquals(List.of(new PriceSync.Outcome("7203.T", "7203.T/JPY", PriceSync.Outcome.Status.SYNCED, "yahoo",
        List.of(new DateRange(TODAY, TODAY)), 1, List.of(), List.of())), second, "the split is new once only");
    assertEquals(List.of("7203.T/JPY 2024-04-01..2024-04-03", "7203.T/JPY 2024-04-03..2024-04-03"), yahoo.asked);
    assertEquals(3, store.bars(new InstrumentId(TOYOTA.id(), TOYOTA.quoteCurrency()), LocalDate.parse("2024-01-01"), TODAY).size());
    // an earlier start asks for the earlier days only
    sync.sync(List.of(TOYOTA), List.of(), LocalDate.parse("2024-03-30"));
    assertEquals("7203.T/JPY 2024-03-30..2024-03-31", yahoo.asked.get(2));
  }

  @Test
  void anAssetWithNoSourceIsReportedAndNothingIsStoredForIt() {
    List<PriceSync.Outcome> outcome = sync(Map.of("yahoo", new DailySource("yahoo", "1", List.of()))).sync(List.of(FUND), List.of(), null);
    assertEquals(PriceSync.Outcome.Status.NO_SOURCE, outcome.get(0).status());
    assertEquals(List.of("0331418A has no price source: set its yahoo, coingecko or binance identifier"), outcome.get(0).errors());
    assertEquals(List.of(), store.bars(InstrumentId.of("0331418A", "JPY"), LocalDate.parse("2024-01-01"), TODAY));
  }

  @Test
  void aFailingSourceFallsBackToTheNextAndTheFxPairsAreSynced() {
    DailySource coingecko = new DailySource("coingecko", "70000", List.of());
    coingecko.failing = new PriceSourceError.Unavailable("HTTP 503");
    DailySource binance = new DailySource("binance", "70001", List.of());
    DailySource yahoo = new DailySource("yahoo", "151.35", List.of());
    List<PriceSync.Outcome> out = sync(Map.of("coingecko", coingecko, "binance", binance, "yahoo", yahoo))
        .sync(List.of(BTC), List.of(AssetId.of("JPY"), AssetId.of("USD"), AssetId.of("BTC")), null);
    assertEquals(PriceSync.Outcome.Status.SYNCED, out.get(0).status());
    assertEquals("binance", out.get(0).source());
    assertEquals(List.of("coingecko: unavailable: HTTP 503"), out.get(0).errors());
    assertEquals(new BigDecimal("70001"), store.latest(AssetId.of("BTC"), AssetId.of("USD"), TODAY).orElseThrow().rate());
    assertEquals(2, out.size(), "BTC, then USD/JPY only: USD needs no pair and BTC is priced, not an FX pair");
    assertEquals("USD/JPY", out.get(1).instrument());
    assertEquals(new BigDecimal("151.35"), store.latest(AssetId.of("USD"), AssetId.of("JPY"), TODAY).orElseThrow().rate());
  }
}
