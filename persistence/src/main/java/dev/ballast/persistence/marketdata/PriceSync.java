package dev.ballast.persistence.marketdata;

import dev.ballast.engine.marketdata.AssetSources;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.DateRange;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketDataSource;
import dev.ballast.engine.marketdata.PriceSourceException;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fills the price store from the sources: per asset, the first source mapped for it that answers,
 * asked only for the dates it was not asked for yet (today is asked again until it is over), in the
 * asset's quote currency; and the FX rates USD/C of the currencies the portfolio needs. A source
 * failing for one asset leaves the others and the other sources going; an asset with no source is
 * reported as such.
 */
public final class PriceSync {
  /** How one asset or currency pair fared. */
  public record Outcome(String asset, String instrument, Status status, String source, List<DateRange> fetched, int bars,
      List<CorporateAction> newActions, List<String> errors) {
    public enum Status { SYNCED, UP_TO_DATE, NO_SOURCE, FAILED }
  }

  /**
   * How far the running sync is, or how the last one ended: {@code total} assets and pairs to sync,
   * {@code done} of them finished ({@code failed} of those failed), {@code current} the one being
   * fetched now (null when not running). {@code run} counts the syncs since the server started; 0
   * and not running: none yet.
   */
  public record Progress(long run, boolean running, int total, int done, int failed, String current, Instant started, Instant finished) {
    static final Progress NONE = new Progress(0, false, 0, 0, 0, null, null, null);

    Progress starting(String next) {
      return new Progress(run, true, total, done, failed, next, started, null);
    }

    Progress finished(Outcome outcome) {
      return new Progress(run, true, total, done + 1, failed + (outcome.status() == Outcome.Status.FAILED ? 1 : 0), null, started, null);
    }
  }

  private final PriceStore store;
  private final Map<String, MarketDataSource> sources;
  private final Clock clock;
  private final LocalDate historyStart;
  private final Duration callTimeout;
  private final ReentrantLock running = new ReentrantLock();
  // written by the one syncing thread (under the lock), read by anyone asking: each value is whole
  private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.NONE);

  public PriceSync(PriceStore store, Map<String, MarketDataSource> sources, Clock clock, LocalDate historyStart, Duration callTimeout) {
    this.store = store;
    this.sources = Map.copyOf(sources);
    this.clock = clock;
    this.historyStart = historyStart;
    this.callTimeout = callTimeout;
  }

  /**
   * Syncs {@code assets} from {@code from} (null: the configured history start) to today, then the
   * FX pairs USD/C of {@code currencies}. One sync runs at a time; a second caller waits for it.
   */
  public List<Outcome> sync(List<Asset> assets, List<AssetId> currencies, LocalDate from) {
    running.lock();
    try {
      LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
      LocalDate first = from == null ? historyStart : from;
      List<Asset> priced = assets.stream().filter(a -> !a.id().isFiat()).toList();
      AssetId usd = AssetId.of("USD");
      List<AssetId> pairs = currencies.stream().distinct().sorted().filter(c -> c.isFiat() && !c.equals(usd)).toList();
      progress.set(new Progress(progress.get().run() + 1, true, priced.size() + pairs.size(), 0, 0, null, clock.instant(), null));
      List<Outcome> out = new ArrayList<>();
      for (Asset asset : priced) {
        progress.set(progress.get().starting(asset.id().value()));
        out.add(counted(syncAsset(asset, first, today)));
      }
      for (AssetId currency : pairs) {
        InstrumentId pair = new InstrumentId(usd, currency);
        progress.set(progress.get().starting(pair.toString()));
        out.add(counted(syncInstrument(currency.value(), pair, List.of(new AssetSources.SourceRef(AssetSources.YAHOO,
            AssetSources.yahooFxSymbol(usd, currency))), first, today)));
      }
      return out;
    } finally {
      Progress p = progress.get();
      progress.set(new Progress(p.run(), false, p.total(), p.done(), p.failed(), null, p.started(), clock.instant()));
      running.unlock();
    }
  }

  /** The running sync's progress, or the last one's end; one whole value, safe to read from any thread. */
  public Progress progress() {
    return progress.get();
  }

  private Outcome counted(Outcome outcome) {
    progress.set(progress.get().finished(outcome));
    return outcome;
  }

  private Outcome syncAsset(Asset asset, LocalDate first, LocalDate today) {
    InstrumentId instrument = new InstrumentId(asset.id(), asset.quoteCurrency());
    List<AssetSources.SourceRef> refs = AssetSources.of(asset).stream().filter(r -> sources.containsKey(r.source())).toList();
    return syncInstrument(asset.id().value(), instrument, refs, first, today);
  }

  private Outcome syncInstrument(String asset, InstrumentId instrument, List<AssetSources.SourceRef> refs, LocalDate first, LocalDate today) {
    if (refs.isEmpty()) {
      return new Outcome(asset, instrument.toString(), Outcome.Status.NO_SOURCE, null, List.of(), 0, List.of(),
          List.of(asset + " has no price source: set its yahoo, coingecko or binance identifier"));
    }
    List<String> errors = new ArrayList<>();
    DateRange wanted = new DateRange(first, today);
    for (AssetSources.SourceRef ref : refs) {
      MarketDataSource source = sources.get(ref.source());
      List<DateRange> missing = new ArrayList<>(DateRange.missing(store.coverage(instrument, ref.source()), wanted));
      if (missing.isEmpty()) {
        return new Outcome(asset, instrument.toString(), Outcome.Status.UP_TO_DATE, ref.source(), List.of(), 0, List.of(), errors);
      }
      int bars = 0;
      List<CorporateAction> fresh = new ArrayList<>();
      try {
        for (DateRange range : missing) {
          DailyHistory history = source.dailyHistory(instrument, range.first(), range.last())
              .toCompletableFuture().get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
          // the day still trading is not covered: the next sync asks for it again
          DateRange done = range.last().isBefore(today) ? range
              : range.first().isBefore(today) ? new DateRange(range.first(), today.minusDays(1)) : null;
          fresh.addAll(store.save(ref.source(), history, done, clock.instant()));
          bars += history.bars().size();
        }
        return new Outcome(asset, instrument.toString(), Outcome.Status.SYNCED, ref.source(), List.copyOf(missing), bars, fresh, errors);
      } catch (ExecutionException | CompletionException e) {
        errors.add(ref.source() + ": " + message(e.getCause()));
      } catch (TimeoutException e) {
        errors.add(ref.source() + ": no answer within " + callTimeout.toSeconds() + "s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.add(ref.source() + ": interrupted");
        break;
      }
    }
    return new Outcome(asset, instrument.toString(), Outcome.Status.FAILED, null, List.of(), 0, List.of(), errors);
  }

  private static String message(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof PriceSourceException e) {
      return e.error().message();
    }
    return Optional.ofNullable(c.getMessage()).orElse(c.getClass().getSimpleName());
  }
}
